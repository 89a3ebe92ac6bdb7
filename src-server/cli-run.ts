// The headless CLI (entry: cli.ts): starts the stack, prints where it is, and stops it cleanly on
// SIGINT/SIGTERM/SIGHUP, or when npm (which does not forward signals reliably) goes away. Signals that arrive
// during start-up stop the stack as soon as it is up.
import { ConfigError, loadConfig } from './config.js';
import { startedByNpm, watchParent } from './parent-watch.js';
import { clusterTemplateBeside, rendererDirBeside, startTrestle, type RunningTrestle } from './start.js';

const out = (line = '') => process.stdout.write(line + '\n');
const FORCE_EXIT_MS = 15_000;

let trestle: RunningTrestle | undefined;
let stopReason: string | undefined;

function stopAndExit(running: RunningTrestle, reason: string): void {
  running.ctx.log.info({ reason }, 'shutting down');
  setTimeout(() => process.exit(1), FORCE_EXIT_MS).unref();
  running.stop().then(() => process.exit(0), (err: Error) => {
    running.ctx.log.error({ err }, 'shutdown failed');
    process.exit(1);
  });
}

function requestStop(reason: string): void {
  if (stopReason) return;
  stopReason = reason;
  if (trestle) stopAndExit(trestle, reason);
}

function printBanner(running: RunningTrestle): void {
  out('');
  out(`Trestle ${running.ctx.version} is ready`);
  out(`  API:        ${running.url}  (REST: ${running.url}/v1/db)`);
  out(`  Postgres:   ${running.ctx.postgres.url(running.ctx.databases.mainName).replace(/:[^:@/]+@/, ':****@')}`);
  out(`  Dashboard:  ${running.dashboardUrl()}`);
  if (running.initialSecrets) {
    out('');
    out('  First start: your API keys (shown once; they are also on the dashboard\'s Connect page until restart)');
    out(`    anon:         ${running.initialSecrets.anon}`);
    out(`    service_role: ${running.initialSecrets.service_role}`);
  }
  out('');
}

/** `entryUrl`: the built entry's URL (out/main/cli.js), beside which the dashboard and cluster template are. */
export function runCli(entryUrl: string): void {
  main(entryUrl).catch((err: Error) => {
    const known = err instanceof ConfigError || err.name === 'PortInUseError' || err.name === 'DataDirInUseError' || err.constructor.name === 'PortInUseError' || err.constructor.name === 'DataDirInUseError';
    process.stderr.write(`Trestle could not start: ${err.message}\n`);
    if (!known && err.stack) process.stderr.write(err.stack + '\n');
    process.exit(1);
  });
}

async function main(entryUrl: string): Promise<void> {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => requestStop(signal));
  if (startedByNpm(process.env)) watchParent(() => requestStop('parent process exited'));
  const config = loadConfig(process.env);
  config.rendererDir ??= rendererDirBeside(entryUrl);
  config.clusterTemplateDir ??= clusterTemplateBeside(entryUrl);
  trestle = await startTrestle(config);
  if (stopReason) return stopAndExit(trestle, stopReason);
  printBanner(trestle);
}
