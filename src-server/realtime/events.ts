// The shape of a change as NOTIFY carries it, parsed defensively (anyone may NOTIFY the channel).
export interface RealtimeEvent {
  schema: string;
  table: string;
  operation: 'INSERT' | 'UPDATE' | 'DELETE';
  row: Record<string, unknown> | null;
  old_row: Record<string, unknown> | null;
  /** Primary key values of the row (of the old row for DELETE); null when the table has none. */
  pk: Record<string, unknown> | null;
  truncated: boolean;
  timestamp: string;
}

const OPERATIONS = new Set(['INSERT', 'UPDATE', 'DELETE']);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function parseEvent(payload: string): RealtimeEvent | null {
  let v: unknown;
  try {
    v = JSON.parse(payload);
  } catch {
    return null;
  }
  if (!isObject(v) || typeof v.schema !== 'string' || typeof v.table !== 'string' || typeof v.operation !== 'string' || !OPERATIONS.has(v.operation)) return null;
  return {
    schema: v.schema, table: v.table, operation: v.operation as RealtimeEvent['operation'],
    row: isObject(v.row) ? v.row : null, old_row: isObject(v.old_row) ? v.old_row : null,
    pk: isObject(v.pk) ? v.pk : null, truncated: v.truncated === true,
    timestamp: typeof v.timestamp === 'string' ? v.timestamp : new Date().toISOString(),
  };
}

/** What a WebSocket client receives. */
export function clientMessage(e: RealtimeEvent) {
  return { type: 'event', schema: e.schema, table: e.table, operation: e.operation, row: e.row, old_row: e.old_row, timestamp: e.timestamp, truncated: e.truncated };
}
