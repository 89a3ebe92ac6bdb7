// Part of `npm run build`: initialises out/cluster-template once, so a first start copies it instead of running initdb.
import path from 'node:path';
import { buildClusterTemplate } from '../src-server/postgres/cluster-template-build.js';
import { readTemplate } from '../src-server/postgres/cluster-template.js';

const dir = path.resolve('out', 'cluster-template');
if (process.argv.includes('--if-missing') && (await readTemplate(dir))) process.exit(0);
const t0 = performance.now();
await buildClusterTemplate(dir);
process.stderr.write(`cluster template built in ${Math.round(performance.now() - t0)} ms (${dir})\n`);
