// The backup service and its scheduler of one running Trestle, reachable by the route area and by tests.
import type { TrestleContext } from '../context.js';
import { branchRuntime } from '../branches/runtime.js';
import { BackupService } from './backup-service.js';
import { BackupScheduler } from './schedule.js';

export interface BackupRuntime {
  service: BackupService;
  scheduler: BackupScheduler;
}

const runtimes = new WeakMap<TrestleContext, BackupRuntime>();

export function backupRuntime(ctx: TrestleContext): BackupRuntime {
  let runtime = runtimes.get(ctx);
  if (!runtime) {
    const service = new BackupService(ctx, branchRuntime(ctx).service);
    runtime = { service, scheduler: new BackupScheduler(ctx, service) };
    runtimes.set(ctx, runtime);
  }
  return runtime;
}
