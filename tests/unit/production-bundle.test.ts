// What the packaged app is made of: the import graphs of electron-vite's three entries (main,
// preload, renderer), followed by esbuild the way the build follows them. A packaged app holds
// only package.json's dependencies, so a main-process import of anything else would fail at its
// first start; and nothing from tests/, bench/ or scripts/ may reach a user's machine.
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { build, type Metafile, type Plugin } from 'esbuild';
import { compileScript, parse } from 'vue/compiler-sfc';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/processes';

const manifest: { dependencies: Record<string, string> } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));

/** Vue single-file components, as @vitejs/plugin-vue sees their imports (template components included). */
const vueScripts: Plugin = {
  name: 'vue-scripts',
  setup(builder) {
    builder.onLoad({ filter: /\.vue$/ }, ({ path }) => {
      const { descriptor } = parse(readFileSync(path, 'utf8'), { filename: path });
      const script = descriptor.script || descriptor.scriptSetup ? compileScript(descriptor, { id: path }).content : 'export default {}';
      return { contents: script, loader: 'ts', resolveDir: dirname(path) };
    });
    // electron-vite's `?asset` imports and the stylesheets' files are copied, not imported code.
    builder.onResolve({ filter: /\?asset$/ }, ({ path }) => ({ path, external: true }));
  },
};

async function importGraph(entry: string, bundlesPackages: boolean): Promise<Metafile> {
  const { metafile } = await build({
    entryPoints: [join(repoRoot, entry)],
    bundle: true,
    write: false,
    metafile: true,
    logLevel: 'silent',
    platform: bundlesPackages ? 'browser' : 'node',
    format: 'esm',
    outdir: join(repoRoot, 'out', 'graph'),
    external: ['electron', '*.png', '*.svg', '*.woff', '*.woff2'],
    // electron-vite's main build keeps packages external (externalizeDeps): they load from node_modules.
    ...(bundlesPackages ? {} : { packages: 'external' as const }),
    plugins: [vueScripts],
  });
  return metafile;
}

const sourcesOf = (graph: Metafile) => Object.keys(graph.inputs).map((input) => relative(repoRoot, join(repoRoot, input)));
const packageName = (specifier: string) => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');
const externalPackagesOf = (graph: Metafile) =>
  new Set(
    Object.values(graph.inputs)
      .flatMap((input) => input.imports)
      .filter((imported) => imported.external && !imported.path.startsWith('.') && !imported.path.includes('?asset'))
      .map((imported) => imported.path)
      .filter((path) => !path.startsWith('node:') && !builtinModules.includes(path) && !/\.(png|svg|woff2?)$/.test(path))
      .map(packageName),
  );
const TEST_ONLY = /^(tests|bench|scripts)\/|\.(test|spec)\.ts$/;

describe('the production bundle', () => {
  it("main: the desktop's own sources, the demo's sandbox included, and only packages the package ships", async () => {
    const graph = await importGraph('src/main/index.ts', false);
    const sources = sourcesOf(graph);
    expect(sources).toContain('src/main/index.ts');
    expect(sources).toContain('src/sandbox/index.ts');
    expect(sources.filter((source) => TEST_ONLY.test(source) || !source.startsWith('src/'))).toEqual([]);
    // electron comes with the runtime; everything else must be a dependency, not a devDependency.
    const missing = [...externalPackagesOf(graph)].filter((name) => name !== 'electron' && !(name in manifest.dependencies));
    expect(missing).toEqual([]);
    expect(externalPackagesOf(graph)).toContain('electron-updater');
    expect(externalPackagesOf(graph)).toContain('electron-log');
  });

  it('preload and renderer: their sources and bundled libraries, nothing test-only', async () => {
    for (const entry of ['src/preload/index.ts', 'src/renderer/src/main.ts']) {
      const sources = sourcesOf(await importGraph(entry, true));
      expect(sources, entry).toContain(entry);
      expect(sources.filter((source) => TEST_ONLY.test(source) || !/^(src|node_modules)\//.test(source)), entry).toEqual([]);
    }
    const renderer = sourcesOf(await importGraph('src/renderer/src/main.ts', true));
    // The SFCs' template components are followed too: the app's components reach the graph.
    expect(renderer.filter((source) => source.endsWith('.vue')).length).toBeGreaterThan(10);
  });
});
