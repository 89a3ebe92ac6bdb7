import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePostgresLog, PostgresLog } from './postgres-log.js';

const SAMPLE = `2026-12-02 02:10:00.123 UTC [4242] LOG:  database system is ready to accept connections
2026-12-02 02:10:05.001 UTC [5001] ERROR:  relation "nope" does not exist at character 15
2026-12-02 02:10:05.001 UTC [5001] STATEMENT:  select * from nope
2026-12-02 02:10:06.500 UTC [5002] LOG:  duration: 1104.512 ms  statement: select pg_sleep(1.1),
\t  'multi line'
2026-12-02 02:10:07.000 UTC [5003] WARNING:  there is no transaction in progress
2026-12-02 02:10:08.000 UTC [5004] ERROR:  duplicate key value violates unique constraint "t_pkey"
2026-12-02 02:10:08.000 UTC [5004] DETAIL:  Key (id)=(1) already exists.
2026-12-02 02:10:08.000 UTC [5004] STATEMENT:  insert into t values (1)
2026-12-02 02:10:09.000 UTC [5005] LOG:  checkpoint sta`;

describe('Postgres log', () => {
  it('parses errors with their statement and detail, slow statements with their duration, and keeps a partial line', () => {
    const { entries, rest } = parsePostgresLog(SAMPLE);
    expect(rest).toBe('2026-12-02 02:10:09.000 UTC [5005] LOG:  checkpoint sta');
    expect(entries.map((e) => e.kind)).toEqual(['info', 'error', 'slow', 'warning', 'error']);
    expect(entries[1]).toMatchObject({ id: 2, pid: 5001, level: 'ERROR', message: 'relation "nope" does not exist at character 15', statement: 'select * from nope' });
    expect(entries[2]).toMatchObject({ duration_ms: 1104.512, statement: "select pg_sleep(1.1),\n  'multi line'" });
    expect(entries[4]).toMatchObject({ detail: 'Key (id)=(1) already exists.', statement: 'insert into t values (1)' });
  });

  it('follows the file: appended lines reach subscribers, a truncated file is read again from the start', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trestle-pglog-'));
    const file = path.join(dir, 'postgres.log');
    fs.writeFileSync(file, SAMPLE + '\n');
    const log = new PostgresLog(file, 20);
    try {
      expect((await log.list()).length).toBe(6);
      const seen: string[] = [];
      const off = log.subscribe((e) => seen.push(e.message));
      fs.appendFileSync(file, '2026-12-02 02:11:00.000 UTC [6000] FATAL:  role "x" does not exist\n');
      for (let i = 0; i < 100 && seen.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
      expect(seen).toEqual(['role "x" does not exist']);
      expect((await log.list(6)).map((e) => e.kind)).toEqual(['error']);
      off();
      fs.writeFileSync(file, '2026-12-02 03:00:00.000 UTC [7000] ERROR:  after rotation\n');
      expect((await log.list(7)).map((e) => e.message)).toEqual(['after rotation']);
    } finally {
      log.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
