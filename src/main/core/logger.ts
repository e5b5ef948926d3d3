import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from './ports';

export function logFileOf(dataDir: string): string {
  return join(dataDir, 'logs', 'deckhand.log');
}

/** JSON lines in `<dataDir>/logs/deckhand.log`. Callers never pass secrets in fields. */
export function createFileLogger(dataDir: string, echo: (line: string) => void = () => {}): Logger {
  const file = logFileOf(dataDir);
  mkdirSync(join(dataDir, 'logs'), { recursive: true });
  const write = (level: string, message: string, fields?: Record<string, unknown>) => {
    const line = JSON.stringify({ time: new Date().toISOString(), level, message, ...fields });
    try {
      appendFileSync(file, `${line}\n`);
    } catch {
      // A full or read-only disk must not take the app down with it.
    }
    echo(line);
  };
  return {
    info: (message, fields) => write('info', message, fields),
    warn: (message, fields) => write('warn', message, fields),
    error: (message, fields) => write('error', message, fields),
  };
}
