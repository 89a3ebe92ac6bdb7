// Item keys (stable names for catalog objects) and the oid → key map the dependency reader resolves pg_depend with.
import { qualified, quoteIdent } from '../../db/quote.js';

export const keyOf = {
  schema: (name: string) => `schema ${quoteIdent(name)}`,
  extension: (name: string) => `extension ${quoteIdent(name)}`,
  type: (schema: string, name: string) => `type ${qualified(schema, name)}`,
  function: (schema: string, name: string, identityArgs: string) => `function ${qualified(schema, name)}(${identityArgs})`,
  relation: (kind: 'table' | 'view' | 'matview' | 'sequence', schema: string, name: string) => `${kind} ${qualified(schema, name)}`,
  /** Something attached to a table by name: a constraint, trigger or policy. */
  onTable: (kind: 'constraint' | 'trigger' | 'policy', table: string, name: string) => `${kind} ${table}.${quoteIdent(name)}`,
  index: (schema: string, name: string) => `index ${qualified(schema, name)}`,
  column: (table: string, column: string) => `column ${table}.${quoteIdent(column)}`,
  eventTrigger: (name: string) => `event_trigger ${quoteIdent(name)}`,
  publication: (name: string) => `publication ${quoteIdent(name)}`,
  defaultAcl: (role: string, schema: string | null, objtype: string) => `default_acl ${quoteIdent(role)} ${schema === null ? '*' : quoteIdent(schema)} ${objtype}`,
  /** A property of an object: `owner …`, `acl …`, `comment …`. */
  property: (kind: 'owner' | 'acl' | 'comment', objectKey: string) => `${kind} ${objectKey}`,
};

/** Catalog row → item key, by system catalog name and oid (what pg_depend refers to). */
export class OidKeys {
  private readonly map = new Map<string, string>();

  set(catalog: string, oid: number | string, key: string): void {
    this.map.set(`${catalog}:${oid}`, key);
  }

  get(catalog: string, oid: number | string): string | undefined {
    return this.map.get(`${catalog}:${oid}`);
  }
}
