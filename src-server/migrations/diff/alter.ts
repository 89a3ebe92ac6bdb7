// Plans for changed items other than tables and types, the statements that create an item on main, and those that
// reset a property (comment, grants, replica identity, OWNED BY) the branch no longer has.
import { quoteIdent } from '../../db/quote.js';
import { aclStatements, defaultAclPrefix, DEFAULT_ACL_OBJECTS } from '../../backups/dump/acl.js';
import { eventTriggerEnabledSql } from '../../backups/dump/event-triggers.js';
import type { Catalog, CatalogItem, ItemOf } from '../../backups/dump/model.js';
import { sequenceSql } from '../../backups/dump/sequences.js';
import { triggerEnabledSql } from '../../backups/dump/triggers.js';
import { viewSql } from '../../backups/dump/views.js';
import { qualified } from '../../db/quote.js';
import { newObjectAcl } from './acl-baseline.js';
import { planTable } from './alter-table.js';
import { planType } from './alter-type.js';
import { tableName } from './drops.js';
import { statement, type DiffStatement, type Plan } from './statements.js';

const alter = (it: CatalogItem, sqls: string[]): Plan => ({ how: 'alter', statements: sqls.filter(Boolean).map((sql) => statement(it.kind, it.key, 'alter', sql)) });

function planView(from: ItemOf<'view'>, to: ItemOf<'view'>): Plan {
  const f = from.data;
  const t = to.data;
  const extends_ = f.columns.every((c, i) => t.columns[i]?.name === c.name && t.columns[i]?.type === c.type);
  if (!extends_ || f.options.join() !== t.options.join()) return { how: 'recreate' };
  return alter(to, [viewSql('view', t, { orReplace: true })]);
}

function planTrigger(from: ItemOf<'trigger'>, to: ItemOf<'trigger'>): Plan {
  const table = tableName(to.data.table);
  const enabled = to.data.enabled !== from.data.enabled || (to.data.definition !== from.data.definition && to.data.enabled !== 'O')
    ? triggerEnabledSql(table, to.data.name, to.data.enabled) : '';
  if (to.data.definition === from.data.definition) return alter(to, [enabled]);
  if (to.data.isConstraint || from.data.isConstraint) return { how: 'recreate' };
  return alter(to, [to.data.definition.replace(/^CREATE TRIGGER /, 'CREATE OR REPLACE TRIGGER '), enabled]);
}

/** How a changed item (present in both, different) gets from main's state to the branch's. */
export function planChange(from: CatalogItem, to: CatalogItem, main: Catalog, warnings: string[]): Plan {
  switch (to.kind) {
    case 'table': return planTable(from as ItemOf<'table'>, to, warnings);
    case 'type': return planType(from as ItemOf<'type'>, to, main, warnings);
    case 'view': return planView(from as ItemOf<'view'>, to);
    case 'trigger': return planTrigger(from as ItemOf<'trigger'>, to);
    case 'function': {
      const f = (from as ItemOf<'function'>).data;
      const same = f.result === to.data.result && f.arguments === to.data.arguments && f.prokind === to.data.prokind;
      return same ? alter(to, [to.sql]) : { how: 'recreate' };
    }
    case 'sequence': return alter(to, [sequenceSql(qualified(to.data.schema, to.data.name), to.data, 'ALTER')]);
    case 'extension': {
      const f = (from as ItemOf<'extension'>).data;
      const name = quoteIdent(to.data.name);
      return alter(to, [
        f.schema !== to.data.schema ? `ALTER EXTENSION ${name} SET SCHEMA ${quoteIdent(to.data.schema)};` : '',
        f.version !== to.data.version ? `ALTER EXTENSION ${name} UPDATE TO '${to.data.version.replace(/'/g, "''")}';` : '',
      ]);
    }
    case 'event_trigger': {
      const f = (from as ItemOf<'event_trigger'>).data;
      return f.definition === to.data.definition ? alter(to, [eventTriggerEnabledSql(to.data.name, to.data.enabled)]) : { how: 'recreate' };
    }
    case 'rls': {
      const f = (from as ItemOf<'rls'>).data;
      const name = tableName(to.data.table);
      return alter(to, [
        f.enabled !== to.data.enabled ? `ALTER TABLE ${name} ${to.data.enabled ? 'ENABLE' : 'DISABLE'} ROW LEVEL SECURITY;` : '',
        f.forced !== to.data.forced ? `ALTER TABLE ${name} ${to.data.forced ? 'FORCE' : 'NO FORCE'} ROW LEVEL SECURITY;` : '',
      ]);
    }
    case 'owner': return alter(to, [`ALTER ${to.data.alterTarget} OWNER TO ${quoteIdent(to.data.owner)};`]);
    case 'acl': return alter(to, aclStatements(to.data.target, (from as ItemOf<'acl'>).data.entries, to.data.entries, { column: to.data.column }));
    case 'default_acl': return alter(to, aclStatements(DEFAULT_ACL_OBJECTS[to.data.objtype], (from as ItemOf<'default_acl'>).data.entries, to.data.entries,
      { prefix: defaultAclPrefix(to.data.role, to.data.schema) }));
    case 'comment': case 'replica_identity': case 'sequence_owner': return alter(to, [to.sql]);
    default: return { how: 'recreate' };
  }
}

/** The statements that create a branch item on main (the dump's, except grants and owners, which start from main's defaults). */
export function createStatements(it: CatalogItem, branch: Catalog, main: Catalog): DiffStatement[] {
  let sqls: string[];
  if (it.kind === 'acl') sqls = aclStatements(it.data.target, newObjectAcl(it, branch, main), it.data.entries, { column: it.data.column });
  else if (it.kind === 'owner') sqls = it.data.owner === main.currentUser ? [] : [`ALTER ${it.data.alterTarget} OWNER TO ${quoteIdent(it.data.owner)};`];
  else sqls = it.sql ? [it.sql] : [];
  return sqls.map((sql) => statement(it.kind, it.key, 'create', sql));
}

/** A property main has and the branch does not, on an object both keep: back to the default. */
export function resetStatements(it: CatalogItem): DiffStatement[] {
  const reset = (sql: string) => [statement(it.kind, it.key, 'alter', sql)];
  switch (it.kind) {
    case 'comment': return reset(`COMMENT ON ${it.data.target} IS NULL;`);
    case 'acl': return aclStatements(it.data.target, it.data.entries, it.data.column ? [] : it.data.baseline, { column: it.data.column })
      .map((sql) => statement(it.kind, it.key, 'alter', sql));
    case 'default_acl': return aclStatements(DEFAULT_ACL_OBJECTS[it.data.objtype], it.data.entries, it.data.baseline,
      { prefix: defaultAclPrefix(it.data.role, it.data.schema) }).map((sql) => statement(it.kind, it.key, 'alter', sql));
    case 'replica_identity': return reset(`ALTER TABLE ${tableName(it.data.table)} REPLICA IDENTITY DEFAULT;`);
    case 'sequence_owner': return reset(it.sql.replace(/ OWNED BY .*;$/, ' OWNED BY NONE;'));
    default: return [];
  }
}
