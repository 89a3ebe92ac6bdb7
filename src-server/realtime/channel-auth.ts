// Private channels, authorised as Supabase does by RLS policies on realtime.messages: the subscriber may read a topic
// if a row {topic, extension} would pass the SELECT policies, and write (broadcast, track) if it would pass the INSERT
// ones, with realtime.topic() returning the topic. Evaluated on a row image under the subscriber's role and claims,
// nothing is inserted.
import type { Database } from '../db/database.js';
import { runPipeline } from '../rest/pipeline.js';
import { checkStatement, policyExpression } from './policy-sql.js';
import type { Audience, RoleMeta } from './types.js';

export type Extension = 'broadcast' | 'presence';

interface MessagesPolicies {
  usage: boolean;
  bypass: boolean;
  select: boolean;
  insert: boolean;
  read: RoleMeta['policies'];
  write: RoleMeta['policies'];
}

const POLICIES = `
  SELECT json_build_object(
    'usage', has_schema_privilege($1, n.oid, 'USAGE'),
    'bypass', r.rolbypassrls OR (pg_has_role(r.oid, c.relowner, 'USAGE') AND NOT c.relforcerowsecurity) OR NOT c.relrowsecurity,
    'select', has_table_privilege(r.oid, c.oid, 'SELECT'),
    'insert', has_table_privilege(r.oid, c.oid, 'INSERT'),
    'read', coalesce((SELECT json_agg(json_build_object('permissive', p.polpermissive, 'qual', pg_get_expr(p.polqual, p.polrelid)))
        FROM pg_policy p WHERE p.polrelid = c.oid AND p.polcmd IN ('r', '*') AND p.polqual IS NOT NULL
         AND (0 = ANY (p.polroles) OR EXISTS (SELECT 1 FROM unnest(p.polroles) AS pr(oid) WHERE pg_has_role(r.oid, pr.oid, 'USAGE')))), '[]'),
    'write', coalesce((SELECT json_agg(json_build_object('permissive', p.polpermissive,
          'qual', pg_get_expr(coalesce(p.polwithcheck, CASE WHEN p.polcmd = '*' THEN p.polqual END), p.polrelid)))
        FROM pg_policy p WHERE p.polrelid = c.oid AND p.polcmd IN ('a', '*')
         AND coalesce(p.polwithcheck, CASE WHEN p.polcmd = '*' THEN p.polqual END) IS NOT NULL
         AND (0 = ANY (p.polroles) OR EXISTS (SELECT 1 FROM unnest(p.polroles) AS pr(oid) WHERE pg_has_role(r.oid, pr.oid, 'USAGE')))), '[]'))::text
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_roles r ON r.rolname = $1
   WHERE n.nspname = 'realtime' AND c.relname = 'messages'`;

const IDENTITY = `SELECT set_config('role', $1, true), set_config('request.jwt.claims', $2, true), set_config('request.jwt.sub', $3, true),
  set_config('request.jwt.claim.sub', $3, true), set_config('request.jwt.claim.role', $1, true), set_config('realtime.topic', $4, true),
  set_config('transaction_read_only', 'on', true), set_config('statement_timeout', '5000', true)`;

export class ChannelAuthorizer {
  constructor(private readonly owner: () => Database, private readonly api: () => Database) {}

  private async policies(role: string): Promise<MessagesPolicies | null> {
    const rows = await this.owner().withClient((client) => runPipeline(client, [
      { text: "SELECT set_config('search_path', '', true)", prepare: true },
      { text: POLICIES, values: [role], rows: true, prepare: true },
    ]));
    const text = rows[1]?.[0]?.[0];
    return text ? JSON.parse(text) as MessagesPolicies : null;
  }

  /** For each extension asked: may the audience read (`write: false`) or write it on this topic. */
  async authorize(audience: Audience, topic: string, extensions: Extension[], write: boolean): Promise<Record<Extension, boolean>> {
    const result: Record<Extension, boolean> = { broadcast: false, presence: false };
    if (audience.role === 'owner') return { broadcast: true, presence: true };
    const meta = await this.policies(audience.role);
    if (!meta || !meta.usage || !(write ? meta.insert : meta.select)) return result;
    if (meta.bypass) {
      for (const e of extensions) result[e] = true;
      return result;
    }
    const expression = policyExpression(write ? meta.write : meta.read);
    if (expression === null) return result;
    const now = new Date().toISOString();
    const images = extensions.map((extension) => ({ topic, extension, private: true, event: null, payload: null, inserted_at: now, updated_at: now }));
    const rows = await this.api().withClient((client) => runPipeline(client, [
      { text: 'RESET ALL', prepare: true },
      { text: IDENTITY, values: [audience.role, audience.claims, audience.sub, topic], prepare: true },
      { text: checkStatement({ schema: 'realtime', table: 'messages' }, expression), values: [JSON.stringify(images)], rows: true, prepare: true },
    ]));
    const answer = rows[2]?.[0]?.[0] ?? '';
    extensions.forEach((e, i) => (result[e] = answer[i] === 't'));
    return result;
  }
}
