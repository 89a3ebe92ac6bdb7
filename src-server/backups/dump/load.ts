// Loads a dump written by dump.ts: SQL runs in batches between COPY blocks, whose data lines stream into COPY FROM.
import { once } from 'node:events';
import readline from 'node:readline';
import { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { COPY_MARKER } from './dump.js';

export async function loadSqlDump(client: pg.ClientBase, source: Readable | AsyncIterable<string | Buffer>): Promise<{ copied: number }> {
  const input = source instanceof Readable ? source : Readable.from(source);
  const lines = readline.createInterface({ input, crlfDelay: Infinity });
  let sql: string[] = [];
  let copy: ReturnType<typeof copyFrom> | undefined;
  let afterMarker = false;
  let copied = 0;
  const flush = async () => {
    const text = sql.join('\n').trim();
    sql = [];
    if (text) await client.query(text);
  };
  for await (const line of lines) {
    if (copy) {
      if (line === '\\.') {
        copy.end();
        await finished(copy);
        copy = undefined;
        copied++;
      } else if (!copy.write(line + '\n')) {
        await once(copy, 'drain');
      }
      continue;
    }
    if (afterMarker && /^COPY .* FROM stdin;$/.test(line)) {
      await flush();
      copy = client.query(copyFrom(line.slice(0, -1).replace(/ FROM stdin$/, ' FROM STDIN')));
      afterMarker = false;
      continue;
    }
    afterMarker = line.startsWith(COPY_MARKER);
    sql.push(line);
  }
  if (copy) throw new Error('The dump ends inside a COPY block');
  await flush();
  return { copied };
}
