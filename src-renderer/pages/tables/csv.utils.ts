/** Parses CSV (RFC 4180) for the import preview: rows of fields; an unquoted empty field is null. */
export function parseCsv(text: string, maxRows = Infinity): Array<Array<string | null>> {
  const rows: Array<Array<string | null>> = [];
  let row: Array<string | null> = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const n = text.length;
  while (i < n && rows.length < maxRows) {
    let field: string | null;
    if (text[i] === '"') {
      let value = '';
      i++;
      while (i < n) {
        if (text[i] === '"' && text[i + 1] === '"') { value += '"'; i += 2; continue; }
        if (text[i] === '"') { i++; break; }
        value += text[i++];
      }
      field = value;
      while (i < n && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') i++;
    } else {
      let end = i;
      while (end < n && text[end] !== ',' && text[end] !== '\n' && text[end] !== '\r') end++;
      field = end === i ? null : text.slice(i, end);
      i = end;
    }
    row.push(field);
    if (text[i] === ',') { i++; if (i >= n) row.push(null); continue; }
    if (text[i] === '\r') i++;
    if (text[i] === '\n') i++;
    rows.push(row);
    row = [];
  }
  if (row.length) rows.push(row);
  return rows;
}
