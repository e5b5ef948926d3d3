// Figures, the printed table and bench/results.json. A target is reported, never failed on; a
// figure that is missing or not a positive number means the harness itself broke (exit 1).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { MachineInfo } from './machine';
import { percentile } from './stats';

export interface Target {
  /** `>=`: higher is better; `<=`: lower is better. */
  op: '>=' | '<=';
  value: number;
}

export interface Figure {
  /** Stable key, e.g. `ingest.throughput`, `column-page.p95`. */
  name: string;
  label: string;
  value: number;
  unit: string;
  /** The same work done the best way on this machine in this run (null: no ceiling). */
  ceiling: number | null;
  ceilingNote?: string;
  /** Share of the ceiling reached: value/ceiling for throughputs, ceiling/value for times (1 = at the ceiling). */
  ratio: number | null;
  target: Target | null;
  /** Extra targets on the same figure (ingest: at least half of its ceiling). */
  ratioTarget?: Target;
  met: boolean | null;
  /** What was measured and how much of it (samples, posts, notes on unfinished parts). */
  details: Record<string, unknown>;
}

export interface FigureInput {
  name: string;
  label: string;
  value: number;
  unit: string;
  /** Throughputs are better higher; times and sizes lower. */
  better: 'higher' | 'lower';
  ceiling?: number | null;
  ceilingNote?: string;
  target?: Target | null;
  ratioTarget?: Target;
  details?: Record<string, unknown>;
}

const meets = (value: number, target: Target) => (target.op === '>=' ? value >= target.value : value <= target.value);

export function figure(input: FigureInput): Figure {
  const ceiling = input.ceiling ?? null;
  const target = input.target ?? null;
  let ratio: number | null = null;
  if (ceiling !== null && ceiling > 0 && input.value > 0) ratio = input.better === 'higher' ? input.value / ceiling : ceiling / input.value;
  let met: boolean | null = target ? meets(input.value, target) : null;
  if (met !== null && input.ratioTarget && ratio !== null) met = met && meets(ratio, input.ratioTarget);
  return {
    name: input.name,
    label: input.label,
    value: input.value,
    unit: input.unit,
    ceiling,
    ...(input.ceilingNote ? { ceilingNote: input.ceilingNote } : {}),
    ratio,
    target,
    ...(input.ratioTarget ? { ratioTarget: input.ratioTarget } : {}),
    met,
    details: input.details ?? {},
  };
}

export interface LatencyInput {
  /** Figure names become `${name}.p50` and `${name}.p${high}`. */
  name: string;
  label: string;
  samples: readonly number[];
  /** The same work done the best way, sampled alike (percentiles compared with percentiles). */
  ceilingSamples?: readonly number[];
  ceilingNote?: string;
  /** The high percentile the target applies to. */
  high: 95 | 99;
  /** None: reported next to another figure's target (DM polling beside the Activity stream). */
  targetMs?: number;
  details: Record<string, unknown>;
}

/** A p50 and a high-percentile figure (ms) from latency samples; the target is on the high one. */
export function latencyFigures(input: LatencyInput): Figure[] {
  const at = (p: number) => ({
    value: percentile(input.samples, p),
    ceiling: input.ceilingSamples ? percentile(input.ceilingSamples, p) : null,
  });
  const common = { unit: 'ms', better: 'lower' as const, ...(input.ceilingNote ? { ceilingNote: input.ceilingNote } : {}), details: input.details };
  return [
    figure({ name: `${input.name}.p50`, label: `${input.label} p50`, ...at(50), ...common }),
    figure({ name: `${input.name}.p${input.high}`, label: `${input.label} p${input.high}`, ...at(input.high), ...common, target: input.targetMs === undefined ? null : { op: '<=', value: input.targetMs } }),
  ];
}

export interface BenchResults {
  date: string;
  mode: 'quick' | 'full';
  scale: number;
  machine: MachineInfo;
  durationSeconds: number;
  figures: Figure[];
  /** Figures that could not be measured, with why. */
  failures: { group: string; error: string }[];
  /** Figures this machine lacks what they need for (not a harness failure), with why. */
  notMeasured: { figure: string; reason: string }[];
}

const number = (value: number) => {
  if (!Number.isFinite(value)) return String(value);
  if (Math.abs(value) >= 1000) return Math.round(value).toLocaleString('en-US');
  if (Math.abs(value) >= 100) return value.toFixed(0);
  if (Math.abs(value) >= 10) return value.toFixed(1);
  return value.toFixed(2);
};

function targetText(f: Figure): string {
  if (!f.target) return '';
  const base = `${f.target.op === '>=' ? '≥' : '≤'} ${number(f.target.value)}`;
  return f.ratioTarget ? `${base}, ≥ ${Math.round(f.ratioTarget.value * 100)}% of ceiling` : base;
}

export function formatTable(figures: readonly Figure[]): string {
  const header = ['figure', 'value', 'unit', 'ceiling', 'ratio', 'target', 'met'];
  const rows = figures.map((f) => [
    f.label,
    number(f.value),
    f.unit,
    f.ceiling === null ? '' : number(f.ceiling),
    f.ratio === null ? '' : `${(f.ratio * 100).toFixed(0)}%`,
    targetText(f),
    f.met === null ? '' : f.met ? 'yes' : 'NO',
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: string[]) => cells.map((cell, column) => (column === 0 || column === 2 || column === 5 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** Problems with the harness itself: figures expected but absent, or not positive numbers. */
export function harnessProblems(results: BenchResults, expected: readonly string[]): string[] {
  const problems = results.failures.map((f) => `${f.group}: ${f.error}`);
  for (const name of expected) {
    if (results.notMeasured.some((skipped) => skipped.figure === name)) continue;
    const found = results.figures.find((f) => f.name === name);
    if (!found) problems.push(`figure ${name} is missing`);
    else if (!(Number.isFinite(found.value) && found.value > 0)) problems.push(`figure ${name} is not a positive number (${found.value})`);
  }
  return problems;
}

export function writeResults(file: string, results: BenchResults): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
}
