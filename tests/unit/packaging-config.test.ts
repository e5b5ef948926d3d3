// electron-builder.yml as electron-builder itself reads it: its loader, its schema, its file
// matcher. The Electron binary cannot be had here, so `electron-builder --dir` cannot run; what it
// would package and which fuses it would flip are asserted from the configuration it would use.
import { mkdirSync, statSync, writeFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import type { Configuration } from 'app-builder-lib';
import { getFileMatchers } from 'app-builder-lib/out/fileMatcher';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { afterEach, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/processes';
import { tempDir } from '../helpers/temp';

const quietDebugLogger = { isEnabled: false, data: new Map<string, unknown>(), add() {}, save: async () => {} };

async function projectConfig(): Promise<Configuration> {
  const config = await getConfig(repoRoot, null, null);
  await validateConfiguration(config, quietDebugLogger);
  return config;
}

const dirs: { remove(): void }[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => dir.remove()));

/** The project files (node_modules aside) that electron-builder's own matcher puts into app.asar. */
function packagedFiles(config: Configuration, projectDir: string): string[] {
  const matchers = getFileMatchers(config, 'files', '/app', {
    macroExpander: (pattern) => pattern,
    customBuildOptions: config.linux ?? {},
    globalOutDir: join(projectDir, 'dist'),
    defaultSrc: projectDir,
  });
  const filters = (matchers ?? []).map((matcher) => matcher.createFilter());
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      const stat = statSync(path);
      if (!filters.some((filter) => filter(path, stat))) continue;
      if (stat.isDirectory()) walk(path);
      else found.push(relative(projectDir, path));
    }
  };
  walk(projectDir);
  return found.sort();
}

describe('electron-builder configuration', () => {
  it("passes electron-builder's own schema, which refuses a misspelt option", async () => {
    const config = await projectConfig();
    expect(config.appId).toBe('com.deckhand.app');
    const misspelt = Object.assign({}, config, { electronFuse: { runAsNode: false } });
    await expect(validateConfiguration(misspelt, quietDebugLogger)).rejects.toThrow(/electronFuse/);
  });

  it('builds an AppImage and a deb on Linux, a dmg on macOS and an NSIS installer on Windows', async () => {
    const config = await projectConfig();
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.mac?.target).toEqual(['dmg']);
    expect(config.win?.target).toEqual(['nsis']);
  });

  it('flips the fuses: no run-as-node, no NODE_OPTIONS or --inspect, encrypted cookies, app.asar only and checked', async () => {
    const config = await projectConfig();
    expect(config.asar).not.toBe(false);
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('names a generic update provider, so the installers come with the latest*.yml electron-updater reads', async () => {
    const config = await projectConfig();
    expect(config.publish).toMatchObject({ provider: 'generic' });
  });

  it('packages the built app and nothing of the benchmark, the tests, the sources or the source maps', async () => {
    const config = await projectConfig();
    const project = tempDir('deckhand-package-');
    dirs.push(project);
    const files = [
      'package.json',
      'out/main/index.js',
      'out/main/index.js.map',
      'out/preload/index.cjs',
      'out/renderer/index.html',
      'out/renderer/assets/index-abc123.js',
      'out/bench/hub.mjs',
      'out/bench/profiles/core.cpuprofile',
      'resources/icon.png',
      'src/main/index.ts',
      'tests/unit/packaging-config.test.ts',
      'tests/e2e/deck.spec.ts',
      'bench/run.ts',
      'scripts/native-abi.mjs',
      'dist/linux-unpacked/deckhand',
    ];
    for (const file of files) {
      mkdirSync(dirname(join(project.path, file)), { recursive: true });
      writeFileSync(join(project.path, file), '');
    }
    expect(packagedFiles(config, project.path)).toEqual([
      'out/main/index.js',
      'out/preload/index.cjs',
      'out/renderer/assets/index-abc123.js',
      'out/renderer/index.html',
      'package.json',
      'resources/icon.png',
    ]);
  });
});
