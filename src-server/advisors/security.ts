// Security advisors: splinter's lints on row level security, views, functions and exposed auth data.
import { apiReadable, cacheKeySql, metadataSql, notExtensionMember, relationFindingSql, type Finding, type LintCheck } from './lint.js';

const INVOKER = `lower(coalesce(c.reloptions::text, '{}'))::text[] && ARRAY['security_invoker=1', 'security_invoker=true', 'security_invoker=yes', 'security_invoker=on']`;

const rows = async (q: Parameters<LintCheck['run']>[0], sql: string, params: unknown[]) => (await q.query<Finding>(sql, params)).rows;

export const SECURITY_LINTS: LintCheck[] = [
  {
    name: 'auth_users_exposed', number: '0002', title: 'Exposed Auth Users', level: 'ERROR', category: 'SECURITY',
    description: 'Detects if auth.users is exposed to anon or authenticated roles via a view or materialized view in schemas exposed to PostgREST, potentially compromising user data security.',
    async run(q, params) {
      const { rows: present } = await q.query<{ ok: boolean }>(`SELECT to_regclass('auth.users') IS NOT NULL AS ok`);
      if (!present[0].ok) return [];
      return rows(q, `
        SELECT format('View/Materialized View "%s" in the public schema may expose \`auth.users\` data to anon or authenticated roles.', c.relname) AS detail,
               jsonb_build_object('schema', n.nspname, 'name', c.relname, 'type', CASE c.relkind WHEN 'm' THEN 'materialized view' ELSE 'view' END,
                 'exposed_to', array_remove(ARRAY[CASE WHEN has_table_privilege('anon', c.oid, 'SELECT') THEN 'anon' END,
                   CASE WHEN has_table_privilege('authenticated', c.oid, 'SELECT') THEN 'authenticated' END], NULL)) AS metadata,
               format('auth_users_exposed_%s_%s', n.nspname, c.relname) AS cache_key,
               format('REVOKE SELECT ON %I.%I FROM anon, authenticated;', n.nspname, c.relname) AS fix_sql
          FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE c.relkind IN ('v', 'm') AND n.nspname = ANY($2) AND NOT (n.nspname = ANY($1)) AND ${apiReadable('c.oid')}
           AND EXISTS (SELECT 1 FROM pg_rewrite r JOIN pg_depend d ON d.classid = 'pg_rewrite'::regclass AND d.objid = r.oid
                        WHERE r.ev_class = c.oid AND d.refobjid = 'auth.users'::regclass AND d.deptype = 'n')
           AND (c.relkind = 'm' OR NOT (${INVOKER}) OR NOT (SELECT relrowsecurity FROM pg_class WHERE oid = 'auth.users'::regclass))
         ORDER BY n.nspname, c.relname`, params);
    },
  },
  {
    name: 'policy_exists_rls_disabled', number: '0007', title: 'Policy Exists RLS Disabled', level: 'ERROR', category: 'SECURITY',
    description: 'Detects cases where row level security (RLS) policies have been created, but RLS has not been enabled for the underlying table.',
    run: (q, params) => rows(q, `
      SELECT format('Table \`%s.%s\` has RLS policies but RLS is not enabled on the table. Policies include %s.', n.nspname, c.relname,
               array_agg(p.polname ORDER BY p.polname)) AS detail,
             ${metadataSql('n.nspname', 'c.relname', `'table'`)}, ${cacheKeySql('policy_exists_rls_disabled', 'n.nspname', 'c.relname')},
             format('ALTER TABLE %I.%I ENABLE ROW LEVEL SECURITY;', n.nspname, c.relname) AS fix_sql
        FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE c.relkind = 'r' AND NOT c.relrowsecurity AND NOT (n.nspname = ANY($1)) AND ${notExtensionMember('pg_class', 'c.oid')}
       GROUP BY n.nspname, c.relname ORDER BY n.nspname, c.relname`, [params[0]]),
  },
  {
    name: 'rls_enabled_no_policy', number: '0008', title: 'RLS Enabled No Policy', level: 'INFO', category: 'SECURITY',
    description: 'Detects cases where row level security (RLS) has been enabled on a table but no RLS policies have been created.',
    run: (q, params) => rows(q, `
      SELECT ${relationFindingSql('rls_enabled_no_policy', 'Table `%s.%s` has RLS enabled, but no policies exist')},
             format(E'-- Signed-in users may read every row; narrow USING to what each user may see.\\nCREATE POLICY %I ON %I.%I FOR SELECT TO authenticated USING (true);',
               c.relname || '_select_authenticated', n.nspname, c.relname) AS fix_sql,
             'Without a policy nobody but the owner and service_role reads the table; this adds a read policy to adapt' AS fix_note
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE c.relkind = 'r' AND c.relrowsecurity AND NOT EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = c.oid)
         AND NOT (n.nspname = ANY($1)) AND ${notExtensionMember('pg_class', 'c.oid')}
       ORDER BY n.nspname, c.relname`, [params[0]]),
  },
  {
    name: 'security_definer_view', number: '0010', title: 'Security Definer View', level: 'ERROR', category: 'SECURITY',
    description: 'Detects views defined with the SECURITY DEFINER property. These views enforce Postgres permissions and row level security policies (RLS) of the view creator, rather than that of the querying user',
    run: (q, params) => rows(q, `
      SELECT ${relationFindingSql('security_definer_view', 'View `%s.%s` is defined with the SECURITY DEFINER property', `'view'`)},
             format('ALTER VIEW %I.%I SET (security_invoker = on);', n.nspname, c.relname) AS fix_sql
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE c.relkind = 'v' AND ${apiReadable('c.oid')} AND n.nspname = ANY($2) AND NOT (n.nspname = ANY($1))
         AND ${notExtensionMember('pg_class', 'c.oid')} AND NOT (${INVOKER})
       ORDER BY n.nspname, c.relname`, params),
  },
  {
    name: 'function_search_path_mutable', number: '0011', title: 'Function Search Path Mutable', level: 'WARN', category: 'SECURITY',
    description: 'Detects functions with a mutable search_path parameter which could fail to execute successfully for some roles.',
    run: (q, params) => rows(q, `
      SELECT format('Function \`%s.%s\` has a role mutable search_path', n.nspname, p.proname) AS detail,
             ${metadataSql('n.nspname', 'p.proname', `'function'`)}, ${cacheKeySql('function_search_path_mutable', 'n.nspname', 'p.proname', 'md5(p.prosrc)')},
             format(E'ALTER %s %I.%I(%s) SET search_path = \\'\\';', CASE p.prokind WHEN 'p' THEN 'PROCEDURE' ELSE 'FUNCTION' END,
               n.nspname, p.proname, pg_get_function_identity_arguments(p.oid)) AS fix_sql,
             'With an empty search_path every name in the body must be schema-qualified (public.my_table)' AS fix_note
        FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
       WHERE p.prokind IN ('f', 'p') AND NOT (n.nspname = ANY($1)) AND n.nspname NOT LIKE 'pg\\_%' AND ${notExtensionMember('pg_proc', 'p.oid')}
         AND NOT EXISTS (SELECT 1 FROM unnest(coalesce(p.proconfig, '{}')) s WHERE s LIKE 'search\\_path=%')
       ORDER BY n.nspname, p.proname`, [params[0]]),
  },
  {
    name: 'rls_disabled_in_public', number: '0013', title: 'RLS Disabled in Public', level: 'ERROR', category: 'SECURITY',
    description: 'Detects cases where row level security (RLS) has not been enabled on tables in schemas exposed to PostgREST',
    run: (q, params) => rows(q, `
      SELECT ${relationFindingSql('rls_disabled_in_public', 'Table `%s.%s` is public, but RLS has not been enabled.')},
             format('ALTER TABLE %I.%I ENABLE ROW LEVEL SECURITY;', n.nspname, c.relname) AS fix_sql,
             'Once RLS is on, the API roles see no rows until a policy lets them' AS fix_note
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE c.relkind = 'r' AND NOT c.relrowsecurity AND ${apiReadable('c.oid')} AND n.nspname = ANY($2) AND NOT (n.nspname = ANY($1))
       ORDER BY n.nspname, c.relname`, params),
  },
  {
    name: 'extension_in_public', number: '0014', title: 'Extension in Public', level: 'WARN', category: 'SECURITY',
    description: 'Detects extensions installed in the `public` schema.',
    run: (q) => rows(q, `
      SELECT format('Extension \`%s\` is installed in the public schema. Move it to another schema.', e.extname) AS detail,
             ${metadataSql(`'public'`, 'e.extname', `'extension'`)}, ${cacheKeySql('extension_in_public', 'e.extname')},
             format(E'CREATE SCHEMA IF NOT EXISTS extensions;\\nALTER EXTENSION %I SET SCHEMA extensions;', e.extname) AS fix_sql,
             'Code that calls its functions unqualified then needs extensions on its search_path' AS fix_note
        FROM pg_extension e WHERE e.extname <> 'plpgsql' AND e.extnamespace = 'public'::regnamespace
       ORDER BY e.extname`, []),
  },
];
