// The whole stack in a child process, for crash tests: started with startTrestle from the environment
// (DATABASE_URL, TRESTLE_DATA_DIR, keys), webhook delivery tuned by TRESTLE_CHILD_WEBHOOK_OPTIONS (JSON).
// Prints "READY <url>" once listening; the parent kills it however it likes.
import { loadConfig } from '../../src-server/config.js';
import { createWebhooksPlugin } from '../../src-server/routes/webhooks/index.js';
import { MODULE_PLUGINS } from '../../src-server/server.js';
import { startTrestle } from '../../src-server/start.js';

const options = JSON.parse(process.env.TRESTLE_CHILD_WEBHOOK_OPTIONS ?? '{}') as Record<string, number>;
const config = loadConfig({ ...process.env, TRESTLE_PORT: '0', TRESTLE_LOG: 'silent' });
const running = await startTrestle(config, { plugins: { ...MODULE_PLUGINS, webhooks: createWebhooksPlugin(options) } });
process.stdout.write(`READY ${running.url}\n`);
process.on('SIGTERM', () => {
  void running.stop().then(() => process.exit(0));
});
