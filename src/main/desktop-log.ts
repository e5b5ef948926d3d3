// The desktop's log through electron-log: the same JSON lines as the web host's log, in the same
// file, rotated by size (at maxBytes the file becomes deckhand.old.log, replacing the previous one),
// so a long-running desktop never fills the disk. Callers never pass secrets in fields.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { NodeLogger } from 'electron-log';
import type { Logger } from './core/ports';

export const DESKTOP_LOG_MAX_BYTES = 5 * 1024 * 1024;

/** `log`: electron-log's main-process logger (electron-log/main), or its Node twin in tests. */
export function rotatingFileLogger(log: NodeLogger, file: string, maxBytes = DESKTOP_LOG_MAX_BYTES): Logger {
  mkdirSync(dirname(file), { recursive: true });
  log.transports.console.level = false;
  log.transports.file.level = 'info';
  log.transports.file.resolvePathFn = () => file;
  log.transports.file.maxSize = maxBytes;
  // The line is made here, so the file holds exactly one JSON object per line.
  log.transports.file.format = '{text}';
  const write = (level: 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>) =>
    log[level](JSON.stringify({ time: new Date().toISOString(), level, message, ...fields }));
  return {
    info: (message, fields) => write('info', message, fields),
    warn: (message, fields) => write('warn', message, fields),
    error: (message, fields) => write('error', message, fields),
  };
}
