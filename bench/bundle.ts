// The web host and the sandbox as the packaged app would run them: bundled JavaScript (esbuild,
// which electron-vite and tsx already bring), not TypeScript compiled on the fly by tsx, whose
// loading costs would otherwise be counted in the cold start and the memory figures.
import { join } from 'node:path';
import { build } from 'esbuild';
import { repoRoot } from './paths';

export interface Bundles {
  webHost: string;
  sandbox: string;
}

let built: Promise<Bundles> | null = null;

export function bundleHosts(): Promise<Bundles> {
  built ??= (async () => {
    // Inside the repo (out/ is ignored by git) so the bundles find node_modules for the native packages.
    const outdir = join(repoRoot, 'out', 'bench');
    const entries = { webHost: 'src/main/web/cli.ts', sandbox: 'src/sandbox/cli.ts' };
    await build({
      entryPoints: Object.entries(entries).map(([name, path]) => ({ in: join(repoRoot, path), out: name })),
      outdir,
      outExtension: { '.js': '.mjs' },
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      sourcemap: 'linked',
      logLevel: 'error',
    });
    return { webHost: join(outdir, 'webHost.mjs'), sandbox: join(outdir, 'sandbox.mjs') };
  })();
  return built;
}
