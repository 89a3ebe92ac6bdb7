// Sends several extended-protocol statements in one write and one round trip (Parse the first time a statement runs on
// a connection, then Bind/Execute each, one Sync): they run in one implicit transaction that Postgres commits at the
// Sync. node-postgres owns the connection (authentication, reading and parsing replies, errors) and runs this as a
// submittable query; the messages themselves are written here into one buffer (protocol-messages.ts), with the
// constant parts cached, because node-postgres' serializer allocates and writes every message separately.
import { createRequire } from 'node:module';
import type pg from 'pg';
import { bindExecute, closeStatement, parseStatement, SYNC } from './protocol-messages.js';

// pg's own conversion of JS values to parameter text (Dates, arrays, JSON objects), as client.query(text, values) does.
const { prepareValue } = createRequire(import.meta.url)('pg/lib/utils.js') as { prepareValue: (v: unknown) => string | Buffer | null };

export interface Step {
  text: string;
  values?: unknown[];
  /** Keep this step's rows (text columns, as sent by Postgres). */
  rows?: boolean;
  /** Prepare once per connection under a name (for statements that repeat). */
  prepare?: boolean;
}

/** The text-format rows of each step that asked for them. */
export type StepRows = Array<Array<Array<string | null>> | undefined>;

interface Connection {
  stream: { write(data: Buffer): boolean };
}

/**
 * A statement's name and its constant messages, the same on every connection: Parse, and (for statements without
 * parameters) Bind + Execute.
 */
interface Named {
  name: string;
  parse: Buffer;
  bindExecute?: Buffer;
}
/** Statement texts seen so far; past the limit new texts run unnamed (an unbounded variety of shapes stays bounded). */
const named = new Map<string, Named>();
const MAX_NAMED = 1000;
let nameSeq = 0;

function namedFor(text: string): Named | undefined {
  let n = named.get(text);
  if (!n && named.size < MAX_NAMED) {
    const name = `trestle_${++nameSeq}`;
    n = { name, parse: parseStatement(name, text) };
    named.set(text, n);
  }
  return n;
}

/** Per connection: the named statements it has prepared. */
interface Prepared {
  names: Set<string>;
  /** Names whose Parse may or may not have happened (the pipeline failed): closed before the next use. */
  toClose: string[];
}
const prepared = new WeakMap<object, Prepared>();
const MAX_NAMED_PER_CONNECTION = 200;
/** "prepared statement does not exist": something deallocated them (DEALLOCATE ALL, DISCARD ALL). */
const UNDEFINED_STATEMENT = '26000';

function parameters(values: unknown[] | undefined): Array<string | Buffer | null> {
  if (!values || values.length === 0) return [];
  return values.map((v) => prepareValue(v));
}

class Pipeline {
  private step = 0;
  private results: StepRows;
  private failed = false;
  private created: Array<{ step: number; name: string }> = [];
  private state?: Prepared;

  constructor(private readonly steps: Step[], private readonly done: (err: Error | null, rows?: StepRows) => void) {
    this.results = steps.map((s) => (s.rows ? [] : undefined));
  }

  submit(connection: Connection): void {
    let state = prepared.get(connection);
    if (!state) prepared.set(connection, (state = { names: new Set(), toClose: [] }));
    this.state = state;
    const chunks: Buffer[] = [];
    // Closing a statement that does not exist is not an error.
    for (const name of state.toClose.splice(0)) chunks.push(closeStatement(name));
    for (const [i, s] of this.steps.entries()) {
      const n = s.prepare ? namedFor(s.text) : undefined;
      const usable = n !== undefined && (state.names.has(n.name) || state.names.size < MAX_NAMED_PER_CONNECTION);
      if (!usable) {
        chunks.push(parseStatement('', s.text), bindExecute('', parameters(s.values)));
        continue;
      }
      if (!state.names.has(n.name)) {
        state.names.add(n.name);
        this.created.push({ step: i, name: n.name });
        chunks.push(n.parse);
      }
      if (s.values?.length) chunks.push(bindExecute(n.name, parameters(s.values)));
      else chunks.push((n.bindExecute ??= bindExecute(n.name, [])));
    }
    chunks.push(SYNC);
    connection.stream.write(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks));
  }

  handleRowDescription(): void {}
  handleDataRow(msg: { fields: Array<string | null> }): void {
    this.results[this.step]?.push(msg.fields);
  }
  handleCommandComplete(): void {
    this.step++;
  }
  handleEmptyQuery(): void {
    this.step++;
  }
  handlePortalSuspended(): void {}
  handleCopyInResponse(): void {}
  handleCopyData(): void {}

  handleError(err: Error & { code?: string }): void {
    if (this.failed) return;
    this.failed = true;
    const state = this.state;
    if (state && err.code === UNDEFINED_STATEMENT) {
      // Prepared statements were deallocated behind our back: close (whatever is left) and prepare everything again.
      state.toClose.push(...state.names);
      state.names.clear();
    } else if (state) {
      // Statements created at or after the failing step may or may not exist now: close them next time.
      for (const c of this.created) {
        if (c.step < this.step) continue;
        state.names.delete(c.name);
        state.toClose.push(c.name);
      }
    }
    this.done(err);
  }

  handleReadyForQuery(): void {
    if (!this.failed) this.done(null, this.results);
  }
}

export function runPipeline(client: pg.ClientBase, steps: Step[]): Promise<StepRows> {
  return new Promise((resolve, reject) => {
    (client as unknown as { query(s: unknown): void }).query(new Pipeline(steps, (err, rows) => (err ? reject(err) : resolve(rows!))));
  });
}
