// Optional scheduled snapshots (off by default): every N hours take one, keep the newest K scheduled ones.
import type { TrestleContext } from '../context.js';
import type { Backup, BackupService } from './backup-service.js';

export interface BackupSchedule {
  enabled: boolean;
  every_hours: number;
  keep: number;
}

export const DEFAULT_SCHEDULE: BackupSchedule = { enabled: false, every_hours: 24, keep: 7 };
const SETTING = 'backups.schedule';
const CHECK_INTERVAL_MS = 60_000;
const WHO = { id: 'backup-schedule', actor: 'system:backup-schedule' };

export class BackupScheduler {
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(private readonly ctx: TrestleContext, private readonly backups: BackupService, public clock: () => Date = () => new Date()) {}

  async get(): Promise<BackupSchedule> {
    return { ...DEFAULT_SCHEDULE, ...(await this.ctx.settings.get<Partial<BackupSchedule>>(SETTING)) };
  }

  async set(schedule: BackupSchedule): Promise<void> {
    await this.ctx.settings.set(SETTING, schedule);
  }

  async status() {
    const schedule = await this.get();
    const last = (await this.backups.list({ kind: 'scheduled' })).find((b) => b.status === 'completed');
    const next = !schedule.enabled ? null
      : last ? new Date(Date.parse(last.created_at) + schedule.every_hours * 3_600_000).toISOString() : this.clock().toISOString();
    return { schedule, last_scheduled_at: last?.created_at ?? null, next_due_at: next };
  }

  start(intervalMs = CHECK_INTERVAL_MS): void {
    this.timer ??= setInterval(() => void this.tick().catch((err: Error) => this.ctx.log.warn({ err: err.message }, 'scheduled backup failed')), intervalMs);
    this.timer.unref();
  }

  /** Takes a snapshot when one is due, then prunes. Returns the snapshot taken, if any. */
  tick(): Promise<unknown> {
    this.running ??= this.run().finally(() => (this.running = undefined));
    return this.running;
  }

  private async run(): Promise<Backup | null> {
    const { schedule, next_due_at } = await this.status();
    if (!schedule.enabled || !next_due_at || Date.parse(next_due_at) > this.clock().getTime()) return null;
    const { backup } = await this.backups.snapshot({ kind: 'scheduled', label: `Scheduled ${this.clock().toISOString()}` }, WHO);
    const scheduled = (await this.backups.list({ kind: 'scheduled' })).filter((b) => b.status === 'completed');
    for (const old of scheduled.slice(schedule.keep)) await this.backups.delete(old.id, WHO);
    return backup;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }
}
