// `npm run web -- [--demo] [--demo-solo] [--port N] [--data-dir DIR]`

export interface WebHostArgs {
  demo: boolean;
  /** The demo with its demo team (an embedded hub and simulated colleagues); --demo-solo: without. */
  demoTeam: boolean;
  port: number;
  dataDir: string | null;
}

export const WEB_USAGE = 'Usage: npm run web -- [--demo] [--demo-solo] [--port N] [--data-dir DIR]';

export function parseWebHostArgs(argv: readonly string[]): WebHostArgs {
  const args: WebHostArgs = { demo: false, demoTeam: true, port: 0, dataDir: null };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = () => {
      const next = argv[++i];
      if (next === undefined || next.startsWith('--')) throw new Error(`${flag} needs a value`);
      return next;
    };
    if (flag === '--demo') args.demo = true;
    else if (flag === '--demo-solo') args.demoTeam = false;
    else if (flag === '--port') {
      const raw = value();
      const port = Number(raw);
      if (!/^\d+$/.test(raw) || port > 65_535) throw new Error(`--port must be a number from 0 to 65535, not "${raw}"`);
      args.port = port;
    } else if (flag === '--data-dir') args.dataDir = value();
    else throw new Error(`Unknown option: ${flag}`);
  }
  return args;
}
