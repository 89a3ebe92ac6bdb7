// Runs the security or performance advisors against a database and finds one lint again by its cache key (to fix it).
import type { Database } from '../db/database.js';
import { IGNORED_SCHEMAS, toLint, type Lint, type LintCheck } from './lint.js';
import { PERFORMANCE_LINTS } from './performance.js';
import type { AdvisorKind } from './shapes.js';
import { SECURITY_LINTS } from './security.js';

export type { AdvisorKind };

const CHECKS: Record<AdvisorKind, LintCheck[]> = { security: SECURITY_LINTS, performance: PERFORMANCE_LINTS };

/** Every lint of the kind; `exposed` are the schemas the data API serves (what splinter reads from pgrst.db_schemas). */
export async function runAdvisors(db: Database, kind: AdvisorKind, exposed: string[]): Promise<Lint[]> {
  const out: Lint[] = [];
  for (const check of CHECKS[kind]) {
    for (const finding of await check.run(db, [IGNORED_SCHEMAS, exposed])) out.push(toLint(check, finding));
  }
  return out;
}

export async function findLint(db: Database, cacheKey: string, exposed: string[]): Promise<Lint | undefined> {
  for (const kind of ['security', 'performance'] as const) {
    const lint = (await runAdvisors(db, kind, exposed)).find((l) => l.cache_key === cacheKey);
    if (lint) return lint;
  }
  return undefined;
}
