import { chmodSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** Electron's userData on Linux is ~/.config/Deckhand; the web host uses the same by default. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.DECKHAND_DATA_DIR) return env.DECKHAND_DATA_DIR;
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Deckhand');
  if (process.platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Deckhand');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Deckhand');
}

/**
 * Creates the data directory readable by this user only (it holds every customer's posts and
 * DMs), and tightens one an older version created with the umask's looser mode.
 */
export function ensurePrivateDataDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (process.platform !== 'win32') chmodSync(dir, 0o700);
}
