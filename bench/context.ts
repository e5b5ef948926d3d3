// What every figure gets from the runner.
import type { BenchOptions, BenchSizes } from './options';

export interface BenchContext {
  options: BenchOptions;
  sizes: BenchSizes;
  /** Progress lines (stderr), so the table on stdout stays clean. */
  log(line: string): void;
  /** A fresh temp directory, removed when the run ends. */
  tempDir(prefix: string): string;
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
