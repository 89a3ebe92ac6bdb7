// The branch service and its expiry job of one running Trestle, reachable by both route areas and by tests.
import type { TrestleContext } from '../context.js';
import { BranchService } from './branch-service.js';
import { ExpiryJob } from './expiry-job.js';

export interface BranchRuntime {
  service: BranchService;
  expiry: ExpiryJob;
}

const runtimes = new WeakMap<TrestleContext, BranchRuntime>();

export function branchRuntime(ctx: TrestleContext): BranchRuntime {
  let runtime = runtimes.get(ctx);
  if (!runtime) {
    const service = new BranchService(ctx);
    runtime = { service, expiry: new ExpiryJob(service) };
    runtimes.set(ctx, runtime);
  }
  return runtime;
}
