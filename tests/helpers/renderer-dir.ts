// A stand-in for the built renderer (out/renderer) for hosts started in-process: a page and an asset.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from './temp';

export function rendererDir(): { path: string; remove(): void } {
  const dir = tempDir('deckhand-renderer-');
  mkdirSync(join(dir.path, 'assets'));
  writeFileSync(join(dir.path, 'index.html'), '<!doctype html><div id="app"></div><script type="module" src="/assets/app.js"></script>');
  writeFileSync(join(dir.path, 'assets', 'app.js'), 'export {};');
  return dir;
}
