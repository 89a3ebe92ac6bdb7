// Writes the generated types to the developer's file: on request, and (when turned on) after every schema change
// of the active database (the DDL event trigger's NOTIFY) or a switch to another branch. The file is replaced
// atomically and only when its text changes, so editors and watchers see one change per schema change.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { TrestleContext } from '../context.js';
import { generateTypes } from './generate.js';
import { readTypesSettings } from './settings.js';
import type { TypesWrite } from './shapes.js';

export type WriteResult = TypesWrite;

const DEBOUNCE_MS = 300;

export class TypesWriter {
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;
  last: WriteResult | null = null;
  lastError: string | null = null;

  constructor(private readonly ctx: TrestleContext) {}

  async write(file: string, schemas: string[]): Promise<WriteResult> {
    const types = await generateTypes(this.ctx.databases.active, schemas);
    const current = await fs.readFile(file, 'utf8').catch(() => null);
    const result = { file, bytes: Buffer.byteLength(types), changed: current !== types, written_at: new Date().toISOString() };
    if (result.changed) {
      const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
      await fs.writeFile(temp, types);
      await fs.rename(temp, file);
    }
    this.last = result;
    this.lastError = null;
    return result;
  }

  /** Regenerates if the settings ask for it; failures are kept for the dashboard, never thrown. */
  private async onSchemaChange(): Promise<void> {
    const settings = await readTypesSettings(this.ctx.settings);
    if (!settings.write_on_change || !settings.file) return;
    await this.write(settings.file, settings.schemas).catch((err: Error) => {
      this.lastError = err.message;
      this.ctx.log.warn({ err: err.message, file: settings.file }, 'could not write the generated types');
    });
  }

  schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.running = (this.running ?? Promise.resolve()).then(() => this.onSchemaChange());
    }, DEBOUNCE_MS);
  }

  async start(): Promise<void> {
    const unlisten = await this.ctx.activeListener.listen('trestle_schema', () => this.schedule());
    const unconnect = this.ctx.activeListener.onConnect(() => this.schedule());
    const unactive = this.ctx.databases.onActiveChange(() => this.schedule());
    this.ctx.onShutdown(async () => {
      clearTimeout(this.timer);
      unlisten();
      unconnect();
      unactive();
      await this.running?.catch(() => undefined);
    });
  }
}
