// Sends several extended-protocol statements in one round trip (Parse/Bind/Execute each, one Sync) on a pg client:
// they run in one implicit transaction that Postgres commits at the Sync, so a request costs one network exchange.
import { createRequire } from 'node:module';
import type pg from 'pg';

const { prepareValue } = createRequire(import.meta.url)('pg/lib/utils.js') as { prepareValue: (v: unknown) => unknown };

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
  parse(m: { text: string; name?: string; types?: number[] }): void;
  bind(m: { portal?: string; statement?: string; values?: unknown[]; valueMapper?: (v: unknown) => unknown }): void;
  describe(m: { type: 'P' | 'S'; name?: string }): void;
  execute(m: { portal?: string; rows?: number }): void;
  sync(): void;
  close(m: { type: 'S'; name: string }): void;
  stream: { cork?: () => void; uncork?: () => void };
}

// Named statements per connection: Postgres parses and plans the hot statements once per connection.
interface Prepared {
  names: Map<string, string>;
  /** Names whose Parse may have failed or succeeded (the pipeline errored): closed before the next use. */
  toClose: string[];
}
const prepared = new WeakMap<object, Prepared>();
const MAX_NAMED_PER_CONNECTION = 200;
let nameSeq = 0;

class Pipeline {
  private step = 0;
  private results: StepRows;
  private failed = false;
  private created: Array<{ step: number; text: string; name: string }> = [];
  private state?: Prepared;

  constructor(private readonly steps: Step[], private readonly done: (err: Error | null, rows?: StepRows) => void) {
    this.results = steps.map((s) => (s.rows ? [] : undefined));
  }

  submit(connection: Connection): void {
    let state = prepared.get(connection);
    if (!state) prepared.set(connection, (state = { names: new Map(), toClose: [] }));
    this.state = state;
    const { names } = state;
    connection.stream.cork?.();
    try {
      // Closing a statement that does not exist is not an error.
      for (const name of state.toClose.splice(0)) connection.close({ type: 'S', name });
      for (const [i, s] of this.steps.entries()) {
        let name = names.get(s.text);
        if (name === undefined && s.prepare && names.size < MAX_NAMED_PER_CONNECTION) {
          name = `trestle_${++nameSeq}`;
          names.set(s.text, name);
          this.created.push({ step: i, text: s.text, name });
          connection.parse({ text: s.text, name });
        } else if (name === undefined) connection.parse({ text: s.text, name: '' });
        connection.bind({ statement: name ?? '', values: s.values ?? [], valueMapper: prepareValue });
        if (s.rows) connection.describe({ type: 'P', name: '' });
        connection.execute({ portal: '', rows: 0 });
      }
      connection.sync();
    } finally {
      connection.stream.uncork?.();
    }
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

  handleError(err: Error): void {
    if (this.failed) return;
    this.failed = true;
    // Statements created at or after the failing step may or may not exist now: close them next time.
    for (const c of this.created) {
      if (c.step < this.step || !this.state) continue;
      this.state.names.delete(c.text);
      this.state.toClose.push(c.name);
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
