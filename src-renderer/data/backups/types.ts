// Shapes of /api/backups (src-server/routes/backups/schemas.ts).
import type { Branch, ForeignConnection } from '../branches/types';

export interface Backup {
  id: string;
  label: string;
  kind: string;
  database_name: string;
  source_database: string;
  status: 'in_progress' | 'completed' | 'failed' | string;
  size_bytes: number | null;
  duration_ms: number | null;
  error: string | null;
  created_at: string;
  completed_at: string | null;
}

export interface RestoreInput {
  id: string;
  target: 'branch' | 'main';
  /** For target main: true, or the main database's name. */
  confirm?: boolean;
  label?: string;
  ttlHours?: number;
  terminateConnections?: boolean;
}

export interface RestoreResult {
  target: string;
  backup: Backup;
  branch?: Branch;
  replaced_backup?: Backup;
  method?: string;
  duration_ms?: number;
  terminated_connections: ForeignConnection[];
}

export function backupDownloadUrl(id: string): string {
  return `/api/backups/${encodeURIComponent(id)}/download`;
}
