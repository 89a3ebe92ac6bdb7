// Makes values read by pg safe for JSON responses: bytea (a Buffer) becomes Postgres' hex text form.
export function jsonValue(value: unknown): unknown {
  if (Buffer.isBuffer(value)) return '\\x' + value.toString('hex');
  return value;
}

export function jsonRow(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) out[k] = jsonValue(v);
  return out;
}
