// `electron-builder --dir` for real, on the built app (`npm run build` first; `npm test` does it).
// Electron's binary cannot be downloaded here, so electron-builder is handed a stand-in Electron
// distribution (electronDist): a file carrying Electron's fuse wire as Electron 41 ships it. All
// the rest is electron-builder's own work: which files go into app.asar, which production
// dependencies come along, and the fuses it flips in the binary.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { listPackage } from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/processes';
import { tempDir } from '../helpers/temp';

// @electron/fuses looks for this marker in the binary; the wire follows it: version, length, fuses.
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
// In FuseV1Options order: RunAsNode, EnableCookieEncryption, EnableNodeOptionsEnvironmentVariable,
// EnableNodeCliInspectArguments, EnableEmbeddedAsarIntegrityValidation, OnlyLoadAppFromAsar,
// LoadBrowserProcessSpecificV8Snapshot, GrantFileProtocolExtraPrivileges: Electron's defaults.
// A fuse is the ASCII digit '1' (on) or '0' (off).
const ENABLE = 0x31;
const DISABLE = 0x30;
const ELECTRON_DEFAULT_WIRE = [ENABLE, DISABLE, ENABLE, ENABLE, DISABLE, DISABLE, DISABLE, ENABLE];

function standInElectronDist(dir: string): void {
  const wire = Buffer.from([1, ELECTRON_DEFAULT_WIRE.length, ...ELECTRON_DEFAULT_WIRE]);
  const binary = Buffer.concat([Buffer.from('stand-in for the Electron binary\n'), Buffer.from(FUSE_SENTINEL), wire, Buffer.alloc(32)]);
  writeFileSync(join(dir, 'electron'), binary, { mode: 0o755 });
  mkdirSync(join(dir, 'resources'));
}

const work = tempDir('deckhand-dist-');
let unpacked = '';
let output = '';

beforeAll(() => {
  if (!existsSync(join(repoRoot, 'out', 'main', 'index.js'))) throw new Error('No built app in out/: run `npm run build` first (npm test does).');
  const electronDist = join(work.path, 'electron-dist');
  mkdirSync(electronDist);
  standInElectronDist(electronDist);
  const built = spawnSync(
    join(repoRoot, 'node_modules', '.bin', 'electron-builder'),
    // npmRebuild off: rebuilding native modules for Electron needs its headers, which cannot be had here either.
    ['--dir', '--linux', `-c.electronDist=${electronDist}`, '-c.npmRebuild=false', `-c.directories.output=${join(work.path, 'dist')}`],
    { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' }, timeout: 240_000 },
  );
  output = `${built.stdout}\n${built.stderr}`;
  if (built.status !== 0) throw new Error(`electron-builder --dir failed (${built.status}):\n${output}`);
  unpacked = join(work.path, 'dist', 'linux-unpacked');
}, 300_000);
afterAll(() => work.remove());

describe('electron-builder --dir', () => {
  it('flips the fuses in the packaged binary', async () => {
    const wire = await getCurrentFuseWire(join(unpacked, 'deckhand'));
    expect({
      runAsNode: wire[FuseV1Options.RunAsNode],
      nodeOptions: wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable],
      inspectArguments: wire[FuseV1Options.EnableNodeCliInspectArguments],
      cookieEncryption: wire[FuseV1Options.EnableCookieEncryption],
      onlyLoadAppFromAsar: wire[FuseV1Options.OnlyLoadAppFromAsar],
      asarIntegrityValidation: wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation],
    }).toEqual({
      runAsNode: DISABLE,
      nodeOptions: DISABLE,
      inspectArguments: DISABLE,
      cookieEncryption: ENABLE,
      onlyLoadAppFromAsar: ENABLE,
      asarIntegrityValidation: ENABLE,
    });
  });

  it('packages the built app and its production dependencies, and nothing test-only', () => {
    const files = listPackage(join(unpacked, 'resources', 'app.asar'), { isPack: false }).map((file) => file.replaceAll('\\', '/'));
    for (const file of ['/package.json', '/out/main/index.js', '/out/preload/index.cjs', '/out/renderer/index.html', '/node_modules/electron-updater/package.json', '/node_modules/electron-log/package.json', '/node_modules/better-sqlite3/package.json']) {
      expect(files, file).toContain(file);
    }
    const ownFiles = files.filter((file) => !file.startsWith('/node_modules/'));
    expect(ownFiles.filter((file) => /^\/(out\/bench|tests|bench|scripts|src)(\/|$)|\.map$/.test(file))).toEqual([]);
    const devOnly = ['vitest', '@playwright/test', 'electron', 'electron-builder', 'electron-vite', '@doyensec/electronegativity', 'eslint'];
    expect(devOnly.filter((name) => files.includes(`/node_modules/${name}`))).toEqual([]);
  });
});
