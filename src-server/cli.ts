// Headless entry (npm start): starts the stack, prints where it is, stops cleanly on SIGINT/SIGTERM.
import { ConfigError, loadConfig } from './config.js';
import { clusterTemplateBeside, rendererDirBeside, startTrestle } from './start.js';

const out = (line = '') => process.stdout.write(line + '\n');

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  config.rendererDir ??= rendererDirBeside(import.meta.url);
  config.clusterTemplateDir ??= clusterTemplateBeside(import.meta.url);
  const trestle = await startTrestle(config);
  // Before anything is printed: whoever reads the output may signal at once, and until a handler is installed a
  // SIGTERM kills the process without stopping Postgres.
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    trestle.ctx.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    trestle.stop().then(() => process.exit(0), (err: Error) => {
      trestle.ctx.log.error({ err }, 'shutdown failed');
      process.exit(1);
    });
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  out('');
  out(`Trestle ${trestle.ctx.version} is ready`);
  out(`  API:        ${trestle.url}  (REST: ${trestle.url}/v1/db)`);
  out(`  Postgres:   ${trestle.ctx.postgres.url(trestle.ctx.databases.mainName).replace(/:[^:@/]+@/, ':****@')}`);
  out(`  Dashboard:  ${trestle.dashboardUrl()}`);
  if (trestle.initialSecrets) {
    out('');
    out('  First start: your API keys (shown once; they are also on the dashboard\'s Connect page until restart)');
    out(`    anon:         ${trestle.initialSecrets.anon}`);
    out(`    service_role: ${trestle.initialSecrets.service_role}`);
  }
  out('');
}

main().catch((err: Error) => {
  const known = err instanceof ConfigError || err.name === 'PortInUseError' || err.name === 'DataDirInUseError' || err.constructor.name === 'PortInUseError' || err.constructor.name === 'DataDirInUseError';
  process.stderr.write(`Trestle could not start: ${err.message}\n`);
  if (!known && err.stack) process.stderr.write(err.stack + '\n');
  process.exit(1);
});
