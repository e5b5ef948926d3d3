// The X API sandbox: a local HTTP server speaking X API v2's wire format, with an admin API for
// tests, demos and benchmarks. Node only; imports nothing of the app but src/shared.
import { createContext, type SandboxOptions } from './context';
import { listen } from './server';

export type { SandboxOptions } from './context';
export type { TierName } from './limits/tiers';
export { TIER_NAMES } from './limits/tiers';

export interface RunningSandbox {
  /** http://127.0.0.1:PORT, the base URL a client uses instead of https://api.x.com. */
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const context = createContext(options);
  const { server, port } = await listen(context, options.port ?? 0);
  if (options.rate !== undefined && options.rate > 0) {
    context.traffic.configure({ rate: options.rate, seed: options.seed ?? 1, brands: context.traffic.status().brands });
  }
  let closing: Promise<void> | null = null;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      (closing ??= new Promise<void>((resolve) => {
        context.traffic.stop();
        context.streams.closeAll();
        context.activity.streams.closeAll();
        server.close(() => resolve());
        server.closeAllConnections();
      })),
  };
}
