// Timing one command through core.dispatch (as the renderer asks), and one bare statement.
import type { Core } from '../../src/main/core/core';
import { SOLO_AGENT } from '../../src/main/core/rpc/caller';

export async function timedDispatch(core: Core, method: string, input: unknown): Promise<{ ms: number; rows: number }> {
  const start = process.hrtime.bigint();
  const answer = await core.dispatch(method, input, SOLO_AGENT);
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (!answer.ok) throw new Error(`${method}: ${answer.error.message}`);
  return { ms, rows: (answer.value as unknown[]).length };
}

export function timedRows(run: () => unknown[]): number {
  const start = process.hrtime.bigint();
  run();
  return Number(process.hrtime.bigint() - start) / 1e6;
}
