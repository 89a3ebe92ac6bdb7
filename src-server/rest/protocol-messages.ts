// The few frontend messages of the PostgreSQL wire protocol (v3) the data path sends, written straight into buffers:
// Parse (no parameter types: Postgres infers them), Bind (text parameters, or binary for Buffers; text results),
// laid out exactly as node-postgres' own serializer lays them out,
// Execute (all rows), Close (statement) and Sync. https://www.postgresql.org/docs/current/protocol-message-formats.html
export const SYNC = Buffer.from([0x53, 0, 0, 0, 4]);
/** Execute of the unnamed portal, every row. */
const EXECUTE = Buffer.from([0x45, 0, 0, 0, 9, 0, 0, 0, 0, 0]);

export function parseStatement(name: string, text: string): Buffer {
  const nameLen = Buffer.byteLength(name);
  const textLen = Buffer.byteLength(text);
  const buf = Buffer.allocUnsafe(1 + 4 + nameLen + 1 + textLen + 1 + 2);
  buf[0] = 0x50;
  buf.writeInt32BE(buf.length - 1, 1);
  let at = 5 + buf.write(name, 5);
  buf[at++] = 0;
  at += buf.write(text, at);
  buf[at++] = 0;
  buf.writeInt16BE(0, at);
  return buf;
}

/** Bind of the unnamed portal to a statement (a format code per parameter: binary for Buffers), then Execute. */
export function bindExecute(statement: string, params: Array<string | Buffer | null>): Buffer {
  const lengths = params.map((p) => (p === null ? -1 : typeof p === 'string' ? Buffer.byteLength(p) : p.length));
  let size = 1 + 4 + 1 + Buffer.byteLength(statement) + 1 + 2 + 2 * params.length + 2 + 2 + 2;
  for (const len of lengths) size += 4 + Math.max(len, 0);
  const buf = Buffer.allocUnsafe(size + EXECUTE.length);
  buf[0] = 0x42;
  buf.writeInt32BE(size - 1, 1);
  buf[5] = 0; // unnamed portal
  let at = 6 + buf.write(statement, 6);
  buf[at++] = 0;
  at = buf.writeInt16BE(params.length, at);
  for (const p of params) at = buf.writeInt16BE(Buffer.isBuffer(p) ? 1 : 0, at);
  at = buf.writeInt16BE(params.length, at);
  params.forEach((p, i) => {
    at = buf.writeInt32BE(lengths[i], at);
    if (p === null) return;
    at += typeof p === 'string' ? buf.write(p, at) : p.copy(buf, at);
  });
  at = buf.writeInt16BE(1, at);
  at = buf.writeInt16BE(0, at); // results in text format
  EXECUTE.copy(buf, at);
  return buf;
}

export function closeStatement(name: string): Buffer {
  const nameLen = Buffer.byteLength(name);
  const buf = Buffer.allocUnsafe(1 + 4 + 1 + nameLen + 1);
  buf[0] = 0x43;
  buf.writeInt32BE(buf.length - 1, 1);
  buf[5] = 0x53; // 'S': a prepared statement
  buf.write(name, 6);
  buf[buf.length - 1] = 0;
  return buf;
}
