// bench/cpu-top: the top self-time frames of a V8 CPU profile (node --cpu-prof, or BENCH_PROFILE in bench/rest).
// Run: npx tsx bench/cpu-top.ts <file.cpuprofile> [count]
import fs from 'node:fs';
import path from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }

const [file, countArg] = process.argv.slice(2);
if (!file) throw new Error('Usage: tsx bench/cpu-top.ts <file.cpuprofile> [count]');
const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));

/** A frame's name: function, then the file relative to node_modules or the checkout, and the line. */
function frameName({ functionName, url, lineNumber }: ProfileNode['callFrame']): string {
  const where = url.replace(/^file:\/\//, '').replace(/.*\/node_modules\//, '').replace(`${process.cwd()}${path.sep}`, '');
  return `${functionName || '(anonymous)'}${where ? ` ${where}:${lineNumber + 1}` : ''}`;
}

const self = new Map<string, number>();
let total = 0;
profile.samples.forEach((id, i) => {
  const dt = profile.timeDeltas[i] ?? 0;
  total += dt;
  const name = frameName(byId.get(id)!.callFrame);
  self.set(name, (self.get(name) ?? 0) + dt);
});
const busy = total - (self.get('(idle)') ?? 0);
console.log(`${path.basename(file)}: ${(total / 1e6).toFixed(1)} s sampled, ${(busy / 1e6).toFixed(1)} s not idle`);
const top = [...self].filter(([name]) => name !== '(idle)').sort((a, b) => b[1] - a[1]).slice(0, Number(countArg ?? 10));
for (const [name, us] of top) console.log(`${(100 * us / busy).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(6)} ms  ${name}`);
