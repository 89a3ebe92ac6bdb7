// The single place where SQL identifiers and literals built from trusted values are quoted.
export function quoteIdent(name: string): string {
  if (name.includes('\u0000')) throw new Error('identifier contains a NUL character');
  return '"' + name.replace(/"/g, '""') + '"';
}

export function qualified(schema: string, name: string): string {
  return `${quoteIdent(schema)}.${quoteIdent(name)}`;
}

/** Only for values that did not come from a request (e.g. generated names); user values are always bind parameters. */
export function quoteLiteral(value: string): string {
  if (value.includes('\u0000')) throw new Error('literal contains a NUL character');
  return "'" + value.replace(/'/g, "''") + "'";
}
