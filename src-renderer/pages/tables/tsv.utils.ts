// Tab-separated text as spreadsheets copy and paste it: fields with a tab, newline or quote are quoted with
// doubled quotes; lines end with \n or \r\n.

export function toTsv(rows: Array<Array<string | null>>): string {
  const field = (v: string | null) => (v === null ? '' : /[\t\n\r"]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return rows.map((r) => r.map(field).join('\t')).join('\n');
}

export function parseTsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  const n = text.endsWith('\r\n') ? text.length - 2 : text.endsWith('\n') ? text.length - 1 : text.length;
  if (n === 0) return [];
  for (;;) {
    let value = '';
    if (text[i] === '"') {
      i++;
      while (i < n) {
        if (text[i] === '"' && text[i + 1] === '"') { value += '"'; i += 2; continue; }
        if (text[i] === '"') { i++; break; }
        value += text[i++];
      }
      while (i < n && text[i] !== '\t' && text[i] !== '\n' && text[i] !== '\r') value += text[i++];
    } else {
      while (i < n && text[i] !== '\t' && text[i] !== '\n' && text[i] !== '\r') value += text[i++];
    }
    row.push(value);
    if (i >= n) break;
    if (text[i] === '\t') { i++; continue; }
    if (text[i] === '\r') i++;
    if (text[i] === '\n') i++;
    rows.push(row);
    row = [];
  }
  rows.push(row);
  return rows;
}
