// Headless entry (npm start, the `trestle` bin). Node's on-disk compile cache goes on before anything else loads, so a
// warm start reuses the bytecode of Fastify, pg and every route area instead of compiling them again (about a sixth
// of the start's CPU time); the CLI itself is in cli-run.ts.
import module from 'node:module';

module.enableCompileCache?.();
const { runCli } = await import('./cli-run.js');
runCli(import.meta.url);
