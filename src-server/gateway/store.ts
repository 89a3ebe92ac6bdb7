// SQL for trestle.gateway_rules (control database). Positions stay dense (0..n-1); every change runs in the caller's
// transaction under a table lock so concurrent reorders cannot interleave.
import type { Queryable } from '../db/database.js';
import type { RuleFields } from './validate.js';
import type { GatewayRule } from './types.js';

interface RuleRow {
  id: string;
  position: number;
  description: string;
  methods: string[];
  path: string;
  authenticate: string[];
  authorize: GatewayRule['authorize'];
  rate_limit: GatewayRule['rate_limit'];
  upstream: string | null;
  enabled: boolean;
  created_at: string;
  updated_at: string;
}

const COLUMNS = 'id, position, description, methods, path, authenticate, authorize, rate_limit, upstream, enabled, created_at, updated_at';

function toRule(row: RuleRow): GatewayRule {
  return {
    id: row.id, description: row.description,
    match: { methods: row.methods as GatewayRule['match']['methods'], path: row.path },
    authenticate: row.authenticate as GatewayRule['authenticate'], authorize: row.authorize, rate_limit: row.rate_limit,
    upstream: row.upstream, enabled: row.enabled, system: false, position: row.position, route: null,
    created_at: row.created_at, updated_at: row.updated_at,
  };
}

const params = (f: RuleFields) => [
  f.description, f.match.methods, f.match.path, f.authenticate, JSON.stringify(f.authorize),
  f.rate_limit === null ? null : JSON.stringify(f.rate_limit), f.upstream, f.enabled,
];

export async function listRules(db: Queryable): Promise<GatewayRule[]> {
  const { rows } = await db.query<RuleRow>(`SELECT ${COLUMNS} FROM trestle.gateway_rules ORDER BY position`);
  return rows.map(toRule);
}

/** Locks the rules against other writers for the rest of the transaction; returns how many there are. */
export async function lockRules(db: Queryable): Promise<number> {
  await db.query('LOCK TABLE trestle.gateway_rules IN SHARE ROW EXCLUSIVE MODE');
  const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM trestle.gateway_rules');
  return rows[0].n;
}

export async function getRule(db: Queryable, id: string): Promise<GatewayRule | null> {
  const { rows } = await db.query<RuleRow>(`SELECT ${COLUMNS} FROM trestle.gateway_rules WHERE id::text = $1`, [id]);
  return rows[0] ? toRule(rows[0]) : null;
}

/** Inserts at `position` (the rules from there on move down one). */
export async function insertRule(db: Queryable, fields: RuleFields, position: number): Promise<GatewayRule> {
  await db.query('UPDATE trestle.gateway_rules SET position = position + 1 WHERE position >= $1', [position]);
  const { rows } = await db.query<RuleRow>(
    `INSERT INTO trestle.gateway_rules (description, methods, path, authenticate, authorize, rate_limit, upstream, enabled, position)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING ${COLUMNS}`,
    [...params(fields), position],
  );
  return toRule(rows[0]);
}

export async function updateRule(db: Queryable, id: string, fields: RuleFields): Promise<GatewayRule> {
  const { rows } = await db.query<RuleRow>(
    `UPDATE trestle.gateway_rules SET description = $2, methods = $3, path = $4, authenticate = $5, authorize = $6, rate_limit = $7,
            upstream = $8, enabled = $9, updated_at = now()
      WHERE id = $1 RETURNING ${COLUMNS}`,
    [id, ...params(fields)],
  );
  return toRule(rows[0]);
}

/** Moves a rule to `to` (already clamped to 0..n-1); the rules in between shift by one. */
export async function moveRule(db: Queryable, id: string, from: number, to: number): Promise<void> {
  if (from === to) return;
  if (to < from) await db.query('UPDATE trestle.gateway_rules SET position = position + 1 WHERE position >= $1 AND position < $2', [to, from]);
  else await db.query('UPDATE trestle.gateway_rules SET position = position - 1 WHERE position > $1 AND position <= $2', [from, to]);
  await db.query('UPDATE trestle.gateway_rules SET position = $2, updated_at = now() WHERE id = $1', [id, to]);
}

export async function deleteRule(db: Queryable, rule: GatewayRule): Promise<void> {
  await db.query('DELETE FROM trestle.gateway_rules WHERE id = $1', [rule.id]);
  await db.query('UPDATE trestle.gateway_rules SET position = position - 1 WHERE position > $1', [rule.position]);
}
