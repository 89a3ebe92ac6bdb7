#!/usr/bin/env node
// The `trestle` command (npx trestle, npm start): builds first when run from a source checkout whose output is
// missing or older than the sources, then runs the headless stack in this very process, so a supervisor's
// signals reach the server itself.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const output = path.join(root, 'out', 'main', 'cli.js');
const sourceDirs = ['src-server', 'src-renderer', 'src-main'].map((d) => path.join(root, d));

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(p));
    else if (!entry.name.endsWith('.test.ts')) newest = Math.max(newest, fs.statSync(p).mtimeMs);
  }
  return newest;
}

if (sourceDirs.every((d) => fs.existsSync(d))) {
  const sources = sourceDirs.map(newestMtime);
  const builtAt = fs.existsSync(output) && fs.existsSync(path.join(root, 'out', 'renderer', 'index.html')) ? fs.statSync(output).mtimeMs : 0;
  if (builtAt < Math.max(...sources, fs.statSync(path.join(root, 'package.json')).mtimeMs)) {
    process.stderr.write('Building Trestle…\n');
    execFileSync(process.execPath, [path.join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  }
  if (!fs.existsSync(path.join(root, 'out', 'cluster-template', 'READY'))) {
    execFileSync(process.execPath, ['--import', 'tsx', path.join(root, 'scripts', 'build-cluster-template.ts')], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  }
}
await import(pathToFileURL(output).href);
