// What the X app's access allows, from X's own answers: the engine's probe of the filtered
// stream's rules endpoint, and GET /2/usage/tweets with the app Bearer token.
import type { StreamAccess, XAppCapabilities, XUsage } from '../../../shared/domain';
import type { XClientFactory } from '../x/client';
import { describeXError } from '../x/errors';

/** What the columns engine found when it asked X for the filtered stream. */
export interface StreamProbeResult {
  access: StreamAccess;
  detail: string;
}

interface UsageAnswer {
  data?: { project_usage?: unknown; project_cap?: unknown; cap_reset_day?: unknown };
}

const numberOrNull = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : null);

export async function readUsage(x: XClientFactory, appToken: string): Promise<XUsage> {
  const answer = await x.withToken(appToken).v2.get<UsageAnswer>('usage/tweets', { 'usage.fields': 'cap_reset_day,project_cap,project_usage' });
  return {
    projectUsage: numberOrNull(answer.data?.project_usage),
    projectCap: numberOrNull(answer.data?.project_cap),
    capResetDay: numberOrNull(answer.data?.cap_reset_day),
  };
}

export async function readCapabilities(x: XClientFactory, appToken: string | null, probe: StreamProbeResult): Promise<XAppCapabilities> {
  const columnSource = probe.access === 'available' ? 'streaming' : 'polling';
  if (!appToken) {
    return { stream: probe.access, columnSource, detail: probe.detail, usage: null, usageProblem: 'No app Bearer token is set: X reports usage to the app only.' };
  }
  try {
    return { stream: probe.access, columnSource, detail: probe.detail, usage: await readUsage(x, appToken), usageProblem: null };
  } catch (error) {
    return { stream: probe.access, columnSource, detail: probe.detail, usage: null, usageProblem: `X did not report usage: ${describeXError(error)}` };
  }
}
