// Request and response schemas of /v1/projects.
import { Type } from '@sinclair/typebox';
import { ApiKeySchema } from '../keys/schemas.js';

const Status = Type.Union([Type.Literal('active'), Type.Literal('paused')]);

export const ProjectIdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

export const UpdateProjectBody = Type.Object({
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' })),
  status: Type.Optional(Status),
}, { additionalProperties: false, minProperties: 1 });

export const ProjectSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  status: Status,
  created_at: Type.String(),
});

export const ProjectDetail = Type.Object({
  id: Type.String(),
  name: Type.String(),
  status: Status,
  created_at: Type.String(),
  database: Type.Object({ name: Type.String(), postgres_version: Type.String(), embedded: Type.Boolean() }),
  keys: Type.Object({ total: Type.Integer(), active: Type.Integer(), items: Type.Array(ApiKeySchema) }),
  tables: Type.Object({ count: Type.Integer() }),
  storage: Type.Object({ database_size_bytes: Type.Number() }),
});

export const ProjectList = Type.Object({ projects: Type.Array(ProjectDetail) });
