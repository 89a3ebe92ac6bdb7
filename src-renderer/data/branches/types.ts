// Shapes of /api/branches (src-server/routes/branches/schemas.ts).
export interface Branch {
  id: string;
  label: string;
  database_name: string;
  parent: string;
  status: string;
  copy_method: string | null;
  duration_ms: number | null;
  ttl_hours: number;
  expires_at: string | null;
  source_backup_id: string | null;
  created_at: string;
  reset_at: string | null;
  deleted_at: string | null;
  size_bytes: number | null;
  active: boolean;
  connection_string: string;
}

export interface MainDatabase {
  database_name: string;
  size_bytes: number;
  active: boolean;
  connection_string: string;
}

export interface BranchList {
  active_database: string;
  active_branch_id: string | null;
  main: MainDatabase;
  branches: Branch[];
}

/** A client connection that blocks a template copy (409 TEMPLATE_IN_USE detail.connections). */
export interface ForeignConnection {
  pid: number;
  application_name: string;
  client_addr: string | null;
  usename: string | null;
  state: string | null;
  backend_start: string | null;
}

export interface BranchCreated {
  branch: Branch;
  method: string;
  duration_ms: number;
  terminated_connections: ForeignConnection[];
}
