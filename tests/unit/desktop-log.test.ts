// The desktop's log file: JSON lines through electron-log, rotated by size so it never grows
// without bound (electron-log's Node logger writes files exactly as its main-process logger does).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import log from 'electron-log/node';
import { afterEach, describe, expect, it } from 'vitest';
import { logFileOf } from '../../src/main/core/logger';
import { rotatingFileLogger } from '../../src/main/desktop-log';
import { tempDir } from '../helpers/temp';

const dirs: { remove(): void }[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => dir.remove()));

const linesOf = (file: string) => readFileSync(file, 'utf8').trim().split('\n');

describe('the desktop log', () => {
  it('writes one JSON object per line to logs/deckhand.log in the data folder', () => {
    const dataDir = tempDir();
    dirs.push(dataDir);
    const logger = rotatingFileLogger(log.create({ logId: 'desktop-log-lines' }), logFileOf(dataDir.path));
    logger.info('workspace opened', { demo: true });
    logger.warn('update check failed', { feed: 'https://updates.acme.example/', error: 'ENOTFOUND' });
    const lines = linesOf(join(dataDir.path, 'logs', 'deckhand.log')).map((line) => JSON.parse(line));
    expect(lines).toEqual([
      { time: expect.any(String), level: 'info', message: 'workspace opened', demo: true },
      { time: expect.any(String), level: 'warn', message: 'update check failed', feed: 'https://updates.acme.example/', error: 'ENOTFOUND' },
    ]);
  });

  it('moves a full log to deckhand.old.log and starts anew, keeping two files at most', () => {
    const dataDir = tempDir();
    dirs.push(dataDir);
    const file = logFileOf(dataDir.path);
    const maxBytes = 4_000;
    const logger = rotatingFileLogger(log.create({ logId: 'desktop-log-rotation' }), file, maxBytes);
    for (let post = 1; post <= 300; post += 1) logger.info('post filed', { post, column: 'Mentions of @AcmeAir' });

    expect(readdirSync(join(dataDir.path, 'logs')).sort()).toEqual(['deckhand.log', 'deckhand.old.log']);
    const old = join(dataDir.path, 'logs', 'deckhand.old.log');
    expect(existsSync(old)).toBe(true);
    // A line goes to the file before its size is checked again: one line's worth over at most.
    expect(statSync(file).size).toBeLessThanOrEqual(maxBytes + 200);
    expect(statSync(old).size).toBeLessThanOrEqual(maxBytes + 200);
    // The newest line is in the current file, right after the archive's last one.
    const current = linesOf(file).map((line) => JSON.parse(line).post);
    const archived = linesOf(old).map((line) => JSON.parse(line).post);
    expect(current.at(-1)).toBe(300);
    expect(current[0]).toBe(archived.at(-1) + 1);
  });
});
