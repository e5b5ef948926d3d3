// npm run sandbox -- [--port N] [--seed S] [--rate R] [--tier T] [--no-stream]
// Runs the X API sandbox alone on 127.0.0.1 and prints `X API sandbox ready: http://127.0.0.1:PORT`.
import { pathToFileURL } from 'node:url';
import { isTierName, TIER_NAMES, type TierName } from './limits/tiers';
import { startSandbox, type SandboxOptions } from './index';

const USAGE = `Usage: npm run sandbox -- [--port N] [--seed S] [--rate R] [--tier ${TIER_NAMES.join('|')}] [--no-stream]
  --port N     TCP port on 127.0.0.1 (0 = a free port; default 0)
  --seed S     seed of the synthetic traffic (integer; default 1)
  --rate R     synthetic customer posts per second (default 0 = none)
  --tier T     access tier (default pay-per-use)
  --no-stream  the app's access has no filtered stream`;

export class UsageError extends Error {}

function number(flag: string, value: string | undefined, check: (n: number) => boolean, what: string): number {
  const parsed = value === undefined ? Number.NaN : Number(value);
  if (!Number.isFinite(parsed) || !check(parsed)) throw new UsageError(`${flag} needs ${what}, got ${value === undefined ? 'nothing' : `"${value}"`}`);
  return parsed;
}

export function parseArgs(argv: readonly string[]): SandboxOptions {
  const options: SandboxOptions = {};
  for (let index = 0; index < argv.length; index++) {
    const flag = argv[index]!;
    const value = argv[index + 1];
    switch (flag) {
      case '--port':
        options.port = number(flag, value, (n) => Number.isInteger(n) && n >= 0 && n <= 65_535, 'a port number (0-65535)');
        index++;
        break;
      case '--seed':
        options.seed = number(flag, value, Number.isInteger, 'an integer');
        index++;
        break;
      case '--rate':
        options.rate = number(flag, value, (n) => n >= 0, 'a number of posts per second (0 or more)');
        index++;
        break;
      case '--tier':
        if (value === undefined || !isTierName(value)) throw new UsageError(`--tier needs one of ${TIER_NAMES.join(', ')}, got ${value === undefined ? 'nothing' : `"${value}"`}`);
        options.tier = value as TierName;
        index++;
        break;
      case '--no-stream':
        options.stream = false;
        break;
      default:
        throw new UsageError(`unknown option ${flag}`);
    }
  }
  return options;
}

async function main(): Promise<void> {
  let options: SandboxOptions;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${error.message}\n${USAGE}\n`);
    process.exit(2);
  }
  const sandbox = await startSandbox(options);
  process.stdout.write(`X API sandbox ready: ${sandbox.url}\n`);
  const stop = () => {
    void sandbox.close().then(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    process.stderr.write(`X API sandbox failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
