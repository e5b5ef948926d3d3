// The web host, the sandbox and the team hub as the packaged app would run them: bundled
// JavaScript (esbuild, which electron-vite and tsx already bring), not TypeScript compiled on the
// fly by tsx, whose loading costs would otherwise be counted in the cold start and the memory figures.
import { join } from 'node:path';
import { build } from 'esbuild';
import { repoRoot } from './paths';

// Inside the repo (out/ is ignored by git) so the bundles find node_modules for the native packages.
const OUT_DIR = join(repoRoot, 'out', 'bench');
const bundled = (name: string) => join(OUT_DIR, `${name}.mjs`);

/** Bundles each entry (name → source path) to out/bench/NAME.mjs. */
async function bundle(entries: Record<string, string>): Promise<void> {
  await build({
    entryPoints: Object.entries(entries).map(([name, path]) => ({ in: join(repoRoot, path), out: name })),
    outdir: OUT_DIR,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    logLevel: 'error',
  });
}

export interface Bundles {
  webHost: string;
  sandbox: string;
}

let built: Promise<Bundles> | null = null;

export function bundleHosts(): Promise<Bundles> {
  built ??= bundle({ webHost: 'src/main/web/cli.ts', sandbox: 'src/sandbox/cli.ts' }).then(() => ({ webHost: bundled('webHost'), sandbox: bundled('sandbox') }));
  return built;
}

export interface TeamBundles {
  hub: string;
  /** The bare WebSocket relay of the team propagation figure's ceiling. */
  relay: string;
}

// Built on their own: the hub failing to build costs the team figures only.
let builtTeam: Promise<TeamBundles> | null = null;

export function bundleTeamHosts(): Promise<TeamBundles> {
  builtTeam ??= bundle({ hub: 'src/hub/cli.ts', relay: 'bench/broadcast-relay.ts' }).then(() => ({ hub: bundled('hub'), relay: bundled('relay') }));
  return builtTeam;
}
