// Shapes of /api/advisors (src-server/routes/advisors/schemas.ts): Supabase's lint shape plus the fix SQL.
export interface Lint {
  name: string;
  title: string;
  level: 'ERROR' | 'WARN' | 'INFO';
  facing: 'EXTERNAL';
  categories: Array<'SECURITY' | 'PERFORMANCE'>;
  description: string;
  detail: string;
  remediation: string;
  metadata: Record<string, unknown>;
  cache_key: string;
  fix: { sql: string; note: string | null } | null;
}

export type AdvisorKind = 'security' | 'performance';
