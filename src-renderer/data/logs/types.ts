// Shapes of /api/logs/*, shared with the server.
export type { PostgresLogEntry, PostgresLogResponse, RequestLogEntry } from '../../../src-server/logs/types';
