import { homedir } from 'node:os';
import { join } from 'node:path';

/** Electron's userData on Linux is ~/.config/Deckhand; the web host uses the same by default. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.DECKHAND_DATA_DIR) return env.DECKHAND_DATA_DIR;
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Deckhand');
  if (process.platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Deckhand');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Deckhand');
}
