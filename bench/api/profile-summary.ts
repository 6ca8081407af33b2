/**
 * `node bench/api/dist/profile-summary.js <file.cpuprofile>…`: where V8 CPU profiles (from
 * `BENCH_CPU_PROF`) spent its self time, by package and by function, in percent of the busy samples
 * (all but `(idle)`: the process also idles while the bench measures the other servers).
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
}

/** The package (or the part of StreamForge, or Node's own module) a frame's code belongs to. */
export function categoryOf(frame: ProfileNode['callFrame']): string {
  if (!frame.url) return frame.functionName.startsWith('(') ? frame.functionName : '(native)';
  const modules = frame.url.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const [first, second] = frame.url.slice(modules + 'node_modules/'.length).split('/');
    return first.startsWith('@') ? `${first}/${second}` : first;
  }
  if (frame.url.startsWith('node:')) return frame.url.split('/')[0];
  const ours = /\/(api|core|worker|bench)\/(dist|src)\//.exec(frame.url);
  if (ours) return `streamforge ${ours[1]}`;
  return frame.url;
}

function top(counts: Map<string, number>, total: number, n: number) {
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([name, count]) => `${((100 * count) / total).toFixed(1).padStart(5)} %  ${name}`);
}

function main() {
  const files = process.argv.slice(2);
  if (!files.length) throw new Error('usage: profile-summary.js <file.cpuprofile>…');
  const byCategory = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let samples = 0;
  for (const file of files) {
    const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
    samples += profile.samples.length;
    count(profile, byCategory, byFunction);
  }
  const idle = byCategory.get('(idle)') ?? 0;
  byCategory.delete('(idle)');
  byFunction.delete('(idle) [(idle)]');
  const total = samples - idle;
  console.log(`${files.length} profile(s): ${samples} samples, ${total} busy`);
  console.log('self time by package:');
  for (const line of top(byCategory, total, 20)) console.log(`  ${line}`);
  console.log('self time by function:');
  for (const line of top(byFunction, total, 20)) console.log(`  ${line}`);
}

function count(profile: Profile, byCategory: Map<string, number>, byFunction: Map<string, number>) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  for (const id of profile.samples) {
    const frame = byId.get(id)!.callFrame;
    const category = categoryOf(frame);
    byCategory.set(category, (byCategory.get(category) ?? 0) + 1);
    const fn = `${frame.functionName || '(anonymous)'} [${category}]`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + 1);
  }
}

main();
