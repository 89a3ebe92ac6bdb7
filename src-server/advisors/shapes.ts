// The advisors' wire shape (Supabase's lint, plus the fix the dashboard shows), with no imports: the dashboard
// re-exports it (src-renderer/data/advisors/types.ts).
export type LintLevel = 'ERROR' | 'WARN' | 'INFO';
export type LintCategory = 'SECURITY' | 'PERFORMANCE';

export interface Lint {
  name: string;
  title: string;
  level: LintLevel;
  facing: 'EXTERNAL';
  categories: LintCategory[];
  description: string;
  detail: string;
  remediation: string;
  metadata: Record<string, unknown>;
  cache_key: string;
  /** What the dashboard's fix button runs (after showing it); null when a fix needs judgement. Not in /v1 responses. */
  fix: { sql: string; note: string | null } | null;
}

export type AdvisorKind = 'security' | 'performance';
