import type { AdvisorKind } from './types';

export const advisorKeys = {
  all: ['advisors'] as const,
  list: (kind: AdvisorKind) => [...advisorKeys.all, kind] as const,
};
