// `npm run electronegativity` (run by `npm test` over src/) stops the build on a HIGH finding:
// here, a window that turns context isolation off.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/processes';
import { tempDir } from '../helpers/temp';

const dirs: { remove(): void }[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => dir.remove()));

describe('the Electronegativity gate', () => {
  it('fails on a HIGH finding and names it', () => {
    const app = tempDir('deckhand-electronegativity-');
    dirs.push(app);
    writeFileSync(
      join(app.path, 'main.ts'),
      [
        "import { app, BrowserWindow } from 'electron';",
        'void app.whenReady().then(() => {',
        '  const window = new BrowserWindow({ webPreferences: { contextIsolation: false, sandbox: true } });',
        "  void window.loadURL('https://example.com');",
        '});',
      ].join('\n'),
    );
    const scan = spawnSync(process.execPath, [join(repoRoot, 'scripts', 'electronegativity.mjs'), app.path], { cwd: repoRoot, encoding: 'utf8', timeout: 60_000 });
    expect(scan.status).toBe(1);
    expect(scan.stdout).toMatch(/^HIGH\s+\S+\s+CONTEXT_ISOLATION_JS_CHECK\s+main\.ts:3$/m);
    expect(scan.stderr).toContain('HIGH finding(s)');
  });
});
