// CSV both ways (RFC 4180): quoting for export, and a parser for import that tells NULL (empty, unquoted)
// from the empty string (a quoted "").

export function csvField(value: string | null): string {
  if (value === null) return '';
  if (value === '' ) return '""';
  return /[",\r\n]|^\s|\s$/.test(value) ? '"' + value.replace(/"/g, '""') + '"' : value;
}

export function csvLine(values: Array<string | null>): string {
  return values.map(csvField).join(',') + '\r\n';
}

export class TooManyRowsError extends Error {}

/**
 * Rows of fields; an unquoted empty field is null. Throws with the 1-based line of an unterminated quote, and
 * TooManyRowsError as soon as more than `maxRows` rows were read (the rest is not parsed).
 */
export function parseCsv(text: string, maxRows = Infinity): Array<Array<string | null>> {
  const rows: Array<Array<string | null>> = [];
  let row: Array<string | null> = [];
  let i = 0;
  let line = 1;
  const n = text.length;
  if (text.charCodeAt(0) === 0xfeff) i = 1;
  while (i < n) {
    let field: string | null;
    if (text[i] === '"') {
      const startLine = line;
      let value = '';
      i++;
      for (;;) {
        if (i >= n) throw new Error(`unterminated quoted field starting on line ${startLine}`);
        const c = text[i];
        if (c === '"') {
          if (text[i + 1] === '"') {
            value += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (c === '\n') line++;
        value += c;
        i++;
      }
      field = value;
      while (i < n && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') i++;
    } else {
      let end = i;
      while (end < n && text[end] !== ',' && text[end] !== '\n' && text[end] !== '\r') end++;
      const raw = text.slice(i, end);
      field = raw === '' ? null : raw;
      i = end;
    }
    row.push(field);
    if (text[i] === ',') {
      i++;
      if (i >= n) row.push(null);
      continue;
    }
    if (text[i] === '\r') i++;
    if (text[i] === '\n') i++;
    line++;
    rows.push(row);
    if (rows.length > maxRows) throw new TooManyRowsError(`more than ${maxRows} rows`);
    row = [];
  }
  if (row.length > 0) rows.push(row);
  return rows.filter((r) => !(r.length === 1 && r[0] === null));
}
