// What every figure gets from the runner.
import type { BenchOptions, BenchSizes } from './options';

export interface BenchContext {
  options: BenchOptions;
  sizes: BenchSizes;
  /** Progress lines (stderr), so the table on stdout stays clean. */
  log(line: string): void;
  /** A fresh temp directory, removed when the run ends. */
  tempDir(prefix: string): string;
  /**
   * A figure this machine cannot measure (PostgreSQL not installed, say), with why: printed and
   * written to the results instead of the figure, and not counted as a harness failure.
   */
  notMeasured(figure: string, reason: string): void;
  /** Filled by the deck figures: the browser's version, for the machine info. */
  chromiumVersion?: string;
}

/** A logger for the core that keeps warnings and errors (they explain odd figures). */
export function collectingLogger(sink: string[]) {
  const keep = (level: string) => (message: string, fields?: Record<string, unknown>) => {
    if (sink.length < 50) sink.push(`${level}: ${message}${fields ? ` ${JSON.stringify(fields).slice(0, 300)}` : ''}`);
  };
  return { info() {}, warn: keep('warn'), error: keep('error') };
}
