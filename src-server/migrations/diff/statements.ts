// The diff's output: statements in the order they run, each naming the object it changes and, when it can lose
// data, why. Shared by the diff's parts and the promote flow.
import type { ItemKind } from '../../backups/dump/model.js';
import type { DiffStatementBody } from '../shapes.js';

export interface DiffStatement extends DiffStatementBody {
  kind: ItemKind | 'setting';
}

export interface SchemaDiff {
  statements: DiffStatement[];
  /** Differences the diff cannot express as DDL it trusts; the user resolves them by hand. */
  warnings: string[];
}

export const statement = (kind: DiffStatement['kind'], object: string, action: DiffStatement['action'], sql: string, destructive: string | null = null): DiffStatement =>
  ({ sql, object, kind, action, destructive });

/** A changed item: statements that alter it in place, or a rebuild (drop, then create from the branch's definition). */
export type Plan =
  | {
    how: 'alter';
    statements: DiffStatement[];
    /**
     * What depends on the item must be rebuilt around the change: 'readers' (views, policies, triggers, functions,
     * for a dropped or retyped column) or 'all' (indexes and constraints too, for a type rebuilt under its name).
     */
    rebuildDependents?: 'readers' | 'all';
  }
  | { how: 'recreate' };
