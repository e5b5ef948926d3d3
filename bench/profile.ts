// CPU profiles of this process (the core runs in it during ingest) through the inspector, and a
// summary of where the time went: self time by function and by area, inclusive time of the
// core's own functions.
import { Session } from 'node:inspector/promises';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { repoRoot } from './paths';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  hitCount?: number;
  children?: number[];
}

export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
}

export interface ProfileSummary {
  totalMs: number;
  /** Self time by area (a file of ours, a package, Node, native/GC). */
  byArea: { area: string; ms: number; share: number }[];
  /** Self time by function. */
  selfTop: { fn: string; ms: number; share: number }[];
  /** Time in a function of ours and everything it calls. */
  inclusiveOurs: { fn: string; ms: number; share: number }[];
}

export async function startProfiling(): Promise<() => Promise<CpuProfile>> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 500 });
  await session.post('Profiler.start');
  return async () => {
    const { profile } = (await session.post('Profiler.stop')) as unknown as { profile: CpuProfile };
    session.disconnect();
    return profile;
  };
}

export function saveProfile(file: string, profile: CpuProfile): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(profile));
}

/** Where profiles go (out/ is the build output, ignored by git). */
export const PROFILE_DIR = join(repoRoot, 'out', 'bench', 'profiles');

function areaOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  if (/^https?:/.test(url)) return `page ${new URL(url).pathname}`;
  const path = url.replace(/^file:\/\//, '');
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
  if (pkg) return `npm:${pkg[1]}`;
  if (path.startsWith('node:')) return 'node internals';
  return relative(repoRoot, path);
}

// Lines of our TypeScript are those of tsx's output, not of the source: only JavaScript files
// (packages, the page's bundle) keep theirs.
const keyOf = (frame: CallFrame) => {
  const area = areaOf(frame.url, frame.functionName);
  return `${frame.functionName || '(anonymous)'} ${area}${/^(npm:|page )/.test(area) ? `:${frame.lineNumber + 1}` : ''}`;
};

/** Our code in the core's process (src/, bench/); in a page, pass the app bundle's test. */
const OURS_IN_NODE = (url: string) => url.includes('/src/') || url.includes('/bench/');

export function summarise(profile: CpuProfile, top = 20, isOurs: (url: string) => boolean = OURS_IN_NODE): ProfileSummary {
  const totalMs = (profile.endTime - profile.startTime) / 1000;
  const hits = profile.nodes.reduce((sum, node) => sum + (node.hitCount ?? 0), 0) || 1;
  const msPerHit = totalMs / hits;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<string, number>();
  const areas = new Map<string, number>();
  for (const node of profile.nodes) {
    const ms = (node.hitCount ?? 0) * msPerHit;
    self.set(keyOf(node.callFrame), (self.get(keyOf(node.callFrame)) ?? 0) + ms);
    const area = areaOf(node.callFrame.url, node.callFrame.functionName);
    areas.set(area, (areas.get(area) ?? 0) + ms);
  }
  // Inclusive time per function of ours, counting a recursive function once per stack.
  const inclusive = new Map<string, number>();
  const walk = (id: number, onStack: ReadonlySet<string>): number => {
    const node = byId.get(id)!;
    const key = keyOf(node.callFrame);
    const ours = isOurs(node.callFrame.url);
    const stack = ours && !onStack.has(key) ? new Set([...onStack, key]) : onStack;
    let ms = (node.hitCount ?? 0) * msPerHit;
    for (const child of node.children ?? []) ms += walk(child, stack);
    if (stack !== onStack) inclusive.set(key, (inclusive.get(key) ?? 0) + ms);
    return ms;
  };
  walk(profile.nodes[0]!.id, new Set());
  const ranked = (map: Map<string, number>, n: number) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([name, ms]) => ({ name, ms: Math.round(ms), share: Math.round((ms / totalMs) * 1000) / 10 }));
  return {
    totalMs: Math.round(totalMs),
    byArea: ranked(areas, top).map(({ name, ms, share }) => ({ area: name, ms, share })),
    selfTop: ranked(self, top).map(({ name, ms, share }) => ({ fn: name, ms, share })),
    inclusiveOurs: ranked(inclusive, top).map(({ name, ms, share }) => ({ fn: name, ms, share })),
  };
}

export function formatSummary(title: string, summary: ProfileSummary): string {
  const rows = (list: { ms: number; share: number }[], label: (row: never) => string) =>
    list.map((row) => `  ${String(row.ms).padStart(7)} ms ${String(row.share).padStart(5)}%  ${label(row as never)}`).join('\n');
  return [
    `${title}: ${summary.totalMs} ms profiled`,
    'self time by area:',
    rows(summary.byArea, (row: { area: string }) => row.area),
    'self time by function:',
    rows(summary.selfTop, (row: { fn: string }) => row.fn),
    'inclusive time, functions of ours:',
    rows(summary.inclusiveOurs, (row: { fn: string }) => row.fn),
  ].join('\n');
}
