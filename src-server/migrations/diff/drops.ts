// DROP statements for items the branch no longer has (or rebuilds), and which items go away with their parent.
import { qualified, quoteIdent } from '../../db/quote.js';
import type { CatalogItem } from '../../backups/dump/model.js';
import { statement, type DiffStatement } from './statements.js';

/** The object an item belongs to, when dropping that object drops the item too. */
export function parentOf(it: CatalogItem): string | null {
  switch (it.kind) {
    case 'constraint': case 'index': case 'trigger': case 'policy': case 'rls': case 'replica_identity': return it.data.table;
    case 'comment': case 'owner': case 'acl': return it.data.object.startsWith('column ') ? columnTable(it.data.object) : it.data.object;
    case 'refresh': return it.key.replace(/^refresh /, 'matview ');
    case 'sequence_owner': return it.key.replace(/^sequence_owner /, 'sequence ');
    default: return null;
  }
}

/** `column "s"."t"."c"` → `table "s"."t"`. */
export function columnTable(columnKey: string): string {
  const body = columnKey.slice('column '.length);
  const lastDot = body.lastIndexOf('."');
  return `table ${body.slice(0, lastDot)}`;
}

export function dropStatement(it: CatalogItem): DiffStatement | null {
  const drop = (sql: string, destructive: string | null = null) => statement(it.kind, it.key, 'drop', sql, destructive);
  switch (it.kind) {
    case 'table': {
      const name = qualified(it.data.schema, it.data.name);
      return drop(`DROP TABLE ${name};`, `drops table ${name} and its rows`);
    }
    case 'view': return drop(`DROP VIEW IF EXISTS ${qualified(it.data.schema, it.data.name)};`);
    case 'matview': return drop(`DROP MATERIALIZED VIEW IF EXISTS ${qualified(it.data.schema, it.data.name)};`);
    case 'sequence': {
      const name = qualified(it.data.schema, it.data.name);
      return drop(`DROP SEQUENCE IF EXISTS ${name};`, `drops sequence ${name} and its current value`);
    }
    case 'constraint': return drop(`ALTER TABLE ${it.data.target} DROP CONSTRAINT IF EXISTS ${quoteIdent(it.data.name)};`);
    case 'index': return drop(`DROP INDEX IF EXISTS ${it.key.slice('index '.length)};`);
    case 'trigger': return drop(`DROP TRIGGER IF EXISTS ${quoteIdent(it.data.name)} ON ${tableName(it.data.table)};`);
    case 'policy': return drop(`DROP POLICY IF EXISTS ${quoteIdent(it.data.name)} ON ${tableName(it.data.table)};`);
    case 'function': {
      const kind = it.data.prokind === 'p' ? 'PROCEDURE' : 'FUNCTION';
      return drop(`DROP ${kind} IF EXISTS ${qualified(it.data.schema, it.data.name)}(${it.data.identityArgs});`);
    }
    case 'type': {
      const name = qualified(it.data.schema, it.data.name);
      return drop(`DROP ${it.data.typtype === 'd' ? 'DOMAIN' : 'TYPE'} IF EXISTS ${name};`);
    }
    case 'extension': return drop(`DROP EXTENSION IF EXISTS ${quoteIdent(it.data.name)};`, `drops extension ${it.data.name} and what it provides`);
    case 'schema': return drop(`DROP SCHEMA ${quoteIdent(it.data.name)};`, `drops schema ${it.data.name}`);
    case 'event_trigger': return drop(`DROP EVENT TRIGGER IF EXISTS ${quoteIdent(it.data.name)};`);
    case 'publication': return drop(`DROP PUBLICATION IF EXISTS ${it.key.slice('publication '.length)};`);
    default: return null;
  }
}

/** `table "s"."t"` → `"s"."t"`. */
export const tableName = (tableKey: string) => tableKey.replace(/^(table|view|matview) /, '');
