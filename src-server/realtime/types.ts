// The shapes the realtime area passes around: captured changes, what the catalog says about their tables, whose eyes
// a subscriber sees them with, and what one audience may see of one change.

export type Operation = 'INSERT' | 'UPDATE' | 'DELETE';
export type Row = Record<string, unknown>;

/** A row change of a table in the supabase_realtime publication, as the capture trigger recorded it. */
export interface RowChange {
  kind: 'change';
  id: number;
  relid: number;
  schema: string;
  table: string;
  op: Operation;
  /** The new row image (INSERT, UPDATE). */
  record: Row | null;
  /** The old row image, always complete (UPDATE, DELETE); replica identity decides how much of it is sent. */
  old: Row | null;
  /** The images as Postgres wrote them, for the visibility checks (JSON numbers beyond 2^53 stay exact). */
  recordJson: string | null;
  oldJson: string | null;
  /** When the change was captured (ISO 8601). */
  at: string;
  /** Size of the larger image in bytes of JSON, for the payload limit. */
  bytes: number;
}

/** A broadcast written to realtime.messages (realtime.send, realtime.broadcast_changes). */
export interface MessageChange {
  kind: 'message';
  id: number;
  messageId: string;
  topic: string;
  event: string;
  payload: unknown;
  private: boolean;
}

export type CapturedChange = RowChange | MessageChange;

export interface ColumnMeta {
  name: string;
  /** pg_type.typname (`int8`, `text`, `_int4` for arrays), as Supabase reports it in `columns`. */
  type: string;
}

/** What an API role may see of a table. */
export interface RoleMeta {
  /** USAGE on the table's schema. */
  usage: boolean;
  /** BYPASSRLS, or the owner of a table without FORCE ROW LEVEL SECURITY. */
  bypass: boolean;
  /** Columns the role may SELECT (column or table privilege). */
  columns: string[];
  /** The table's SELECT policies that apply to the role, deparsed with every name schema-qualified. */
  policies: Array<{ permissive: boolean; qual: string }>;
}

export interface TableMeta {
  relid: number;
  schema: string;
  table: string;
  rls: boolean;
  /** pg_class.relreplident: d(efault: the key), f(ull), i(ndex), n(othing). */
  replicaIdentity: 'd' | 'f' | 'i' | 'n';
  columns: ColumnMeta[];
  primaryKey: string[];
  /** The columns replica identity sends for old rows (key, index or every column). */
  identity: string[];
  roles: Record<string, RoleMeta | undefined>;
}

export type AudienceRole = 'anon' | 'authenticated' | 'service_role' | 'owner';

/** Whose eyes a subscriber sees changes with: an API role with its JWT claims, or the dashboard (the owner). */
export interface Audience {
  /** Equal for subscribers that see exactly the same rows: visibility is checked once per audience. */
  key: string;
  role: AudienceRole;
  /** request.jwt.claims as JSON text. */
  claims: string;
  sub: string;
}

/** What one audience may see of one change. */
export interface ChangeView {
  table: TableMeta;
  /** The new row image passes the audience's policies (INSERT, UPDATE). */
  newVisible: boolean;
  /** The old row image passes them (UPDATE, DELETE). */
  oldVisible: boolean;
  /** Row security applies to this audience (RLS on and no bypass). */
  rlsApplies: boolean;
  /** The columns the audience may read, in table order. */
  columns: ColumnMeta[];
  /** Per-change memo for serialised payloads and frames shared by subscribers of the same audience. */
  memo: Map<string, string | Buffer>;
}

/** Anything that receives row changes: a legacy /realtime client or a Phoenix channel. */
export interface ChangeSubscriber {
  /** The audience now, or null when it may not receive rows (token expired). */
  audience(): Audience | null;
  /** Cheap pre-filter, before any visibility check. */
  wants(change: RowChange): boolean;
  /** Sends what the view allows; false when nothing was sent (the change was not visible to it). */
  deliver(change: RowChange, view: ChangeView): boolean;
}
