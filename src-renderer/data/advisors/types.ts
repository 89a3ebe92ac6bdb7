// Shapes of /api/advisors: the server's own wire types (Supabase's lint shape plus the fix SQL).
export type { AdvisorKind, Lint } from '../../../src-server/advisors/shapes';
