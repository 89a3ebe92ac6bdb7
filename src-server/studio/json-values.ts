// Makes values read by pg safe for JSON responses: bytea (a Buffer) becomes Postgres' hex text form, and an
// interval (an object pg parsed) is printed the way Postgres prints it instead of as a bag of fields.
interface Interval {
  years?: number; months?: number; days?: number; hours?: number; minutes?: number; seconds?: number; milliseconds?: number;
  toPostgres(): string;
}

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;

export function intervalText(v: Omit<Interval, 'toPostgres'>): string {
  const parts: string[] = [];
  if (v.years) parts.push(plural(v.years, 'year'));
  if (v.months) parts.push(plural(v.months, 'mon'));
  if (v.days) parts.push(plural(v.days, 'day'));
  const ms = ((((v.hours ?? 0) * 60 + (v.minutes ?? 0)) * 60 + (v.seconds ?? 0)) * 1000) + (v.milliseconds ?? 0);
  if (ms !== 0 || parts.length === 0) {
    const abs = Math.abs(ms);
    const pad = (n: number) => String(Math.floor(n)).padStart(2, '0');
    const frac = abs % 1000 ? '.' + String(Math.round((abs % 1000) * 1000)).padStart(6, '0').replace(/0+$/, '') : '';
    parts.push(`${ms < 0 ? '-' : ''}${pad(abs / 3_600_000)}:${pad((abs / 60_000) % 60)}:${pad((abs / 1000) % 60)}${frac}`);
  }
  return parts.join(' ');
}

export function jsonValue(value: unknown): unknown {
  if (Buffer.isBuffer(value)) return '\\x' + value.toString('hex');
  if (value !== null && typeof value === 'object' && typeof (value as Interval).toPostgres === 'function') return intervalText(value as Interval);
  return value;
}

export function jsonRow(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) out[k] = jsonValue(v);
  return out;
}
