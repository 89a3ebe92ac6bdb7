import type { DdlOperation } from '../../../data/table-editor/types';

/** A schema change offered to the user: its SQL is previewed and runs only when confirmed. */
export interface Proposal {
  op: DdlOperation;
  title: string;
  danger?: boolean;
  requireText?: string;
  after?: () => void;
}

export type Propose = (p: Proposal) => void;
