// Request and response schemas of the advisors routes (Supabase's lint shape).
import { Type } from '@sinclair/typebox';

const LintFields = {
  name: Type.String(),
  title: Type.String(),
  level: Type.Union([Type.Literal('ERROR'), Type.Literal('WARN'), Type.Literal('INFO')]),
  facing: Type.Literal('EXTERNAL'),
  categories: Type.Array(Type.Union([Type.Literal('SECURITY'), Type.Literal('PERFORMANCE')])),
  description: Type.String(),
  detail: Type.String(),
  remediation: Type.String(),
  metadata: Type.Record(Type.String(), Type.Unknown()),
  cache_key: Type.String(),
};

export const LintsResponse = Type.Object({ lints: Type.Array(Type.Object(LintFields)) });

const Fix = Type.Union([Type.Object({ sql: Type.String(), note: Type.Union([Type.String(), Type.Null()]) }), Type.Null()]);
const DashboardLint = Type.Object({ ...LintFields, fix: Fix });

export const AdvisorsQuery = Type.Object({ lint_type: Type.Optional(Type.String({ maxLength: 64 })) });
export const DashboardQuery = Type.Object({ type: Type.Optional(Type.Union([Type.Literal('security'), Type.Literal('performance')])) });
export const DashboardResponse = Type.Object({ lints: Type.Array(DashboardLint), database: Type.String() });

export const FixBody = Type.Object({ cache_key: Type.String({ minLength: 1, maxLength: 1000 }) }, { additionalProperties: false });
export const FixResponse = Type.Object({ fixed: DashboardLint, sql: Type.String(), lints: Type.Array(DashboardLint) });
