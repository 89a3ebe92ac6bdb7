// The single place where SQL identifiers and literals built from trusted values are quoted.
import { ApiError } from '../errors.js';

const nulRefused = (what: string) => new ApiError(400, 'INVALID_CHARACTER', `${what} contains a NUL character, which Postgres cannot store`);

export function quoteIdent(name: string): string {
  if (name.includes('\u0000')) throw nulRefused('A name');
  return '"' + name.replace(/"/g, '""') + '"';
}

export function qualified(schema: string, name: string): string {
  return `${quoteIdent(schema)}.${quoteIdent(name)}`;
}

/** Only for values that did not come from a request (e.g. generated names); user values are always bind parameters. */
export function quoteLiteral(value: string): string {
  if (value.includes('\u0000')) throw nulRefused('A value');
  return "'" + value.replace(/'/g, "''") + "'";
}
