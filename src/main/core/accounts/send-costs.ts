// What sending costs: the pay-per-use price table (the sandbox's published one in the demo
// workspace, the operator's entry for the real X app) and each handle's spend today (UTC), kept
// in the preferences as this desktop's sends go out. A team handle's messages are sent by the hub
// for every member: its spend is priced from what the hub sent today, and only while the hub
// cannot be asked from this desktop's own record (and says so).
import { z } from 'zod';
import type { Clock } from '../../../shared/clock';
import { addUsd, priceOf, sendPriceTableSchema, UNKNOWN_PRICES, utcDay, type HandleDaySpend, type SendKind, type SendPrices, type SendPriceTable } from '../../../shared/send-cost';
import type { Logger, PreferenceStore } from '../ports';

export const SEND_PRICES_PREFERENCE = 'x.sendPrices';
export const SEND_SPEND_PREFERENCE = 'sendSpend';
const SANDBOX_ANSWER_MS = 3_000;

const sandboxPricesSchema = z.object({ currency: z.literal('USD'), prices: z.object({ post: z.number().min(0), post_with_url: z.number().min(0), dm: z.number().min(0) }) });
const handleSpendSchema = z.object({ usd: z.number().min(0), sends: z.number().int().min(0), unpricedSends: z.number().int().min(0) });
const spendRecordSchema = z.object({ day: z.string(), handles: z.record(z.string(), handleSpendSchema) });
type SpendRecord = z.infer<typeof spendRecordSchema>;

export interface SendCostsDeps {
  /** The preferences of this workspace (the demo's are its own). */
  preferences: PreferenceStore;
  clock: Clock;
  logger: Logger;
  /** The demo's X API sandbox, whose admin API publishes its prices; null for the real X. */
  sandboxUrl: string | null;
  /** Whether the hub sends for this handle (a team handle). */
  isTeamHandle: (accountId: string) => boolean;
  /** What the team's hub sent as a team handle in [from, to), for every member. */
  teamSends: (accountId: string, from: number, to: number) => Promise<readonly { kind: 'reply' | 'dm' | 'post'; text: string }[]>;
}

type Spent = z.infer<typeof handleSpendSchema>;

/** One send more, at its price (null: unknown, counted apart). */
function addSend(spent: Spent, usd: number | null): Spent {
  return usd === null ? { ...spent, sends: spent.sends + 1, unpricedSends: spent.unpricedSends + 1 } : { ...spent, usd: addUsd(spent.usd, usd), sends: spent.sends + 1 };
}

export class SendCosts {
  constructor(private readonly deps: SendCostsDeps) {}

  async prices(): Promise<SendPrices> {
    if (this.deps.sandboxUrl === null) return { source: 'settings', prices: this.configuredPrices() };
    return { source: 'sandbox', prices: await this.sandboxPrices(this.deps.sandboxUrl) };
  }

  /** The operator's table for the real X app (empty = every price unknown). */
  configuredPrices(): SendPriceTable {
    const parsed = sendPriceTableSchema.safeParse(this.deps.preferences.get<unknown>(SEND_PRICES_PREFERENCE));
    return parsed.success ? parsed.data : UNKNOWN_PRICES;
  }

  saveConfiguredPrices(table: SendPriceTable): Promise<SendPrices> {
    this.deps.preferences.set(SEND_PRICES_PREFERENCE, table);
    return this.prices();
  }

  async daySpend(accountId: string): Promise<HandleDaySpend> {
    const record = this.todaysRecord();
    if (this.deps.isTeamHandle(accountId)) {
      const from = Date.parse(`${record.day}T00:00:00Z`);
      try {
        const sends = await this.deps.teamSends(accountId, from, from + 86_400_000);
        const { prices } = await this.prices();
        let spent = { usd: 0, sends: 0, unpricedSends: 0 };
        for (const send of sends) spent = addSend(spent, priceOf(prices, send.kind === 'dm' ? 'dm' : 'post', send.text).usd);
        return { accountId, day: record.day, ...spent, thisDesktopOnly: false };
      } catch (error) {
        this.deps.logger.warn('the hub did not tell the day’s sends: showing this desktop’s', { accountId, error: String(error) });
      }
    }
    const spent = record.handles[accountId] ?? { usd: 0, sends: 0, unpricedSends: 0 };
    return { accountId, day: record.day, ...spent, thisDesktopOnly: this.deps.isTeamHandle(accountId) };
  }

  /** Counts a send X took, at the price it has now. Never throws: the message is already out. */
  async recordSend(accountId: string, kind: SendKind, text: string): Promise<void> {
    try {
      const { usd } = priceOf((await this.prices()).prices, kind, text);
      const record = this.todaysRecord();
      record.handles[accountId] = addSend(record.handles[accountId] ?? { usd: 0, sends: 0, unpricedSends: 0 }, usd);
      this.deps.preferences.set(SEND_SPEND_PREFERENCE, record);
    } catch (error) {
      this.deps.logger.warn('the spend of a send was not recorded', { accountId, error: String(error) });
    }
  }

  /** Today's record; yesterday's (or an unreadable one) starts over. */
  private todaysRecord(): SpendRecord {
    const day = utcDay(new Date(this.deps.clock.now()));
    const parsed = spendRecordSchema.safeParse(this.deps.preferences.get<unknown>(SEND_SPEND_PREFERENCE));
    return parsed.success && parsed.data.day === day ? parsed.data : { day, handles: {} };
  }

  private async sandboxPrices(sandboxUrl: string): Promise<SendPriceTable> {
    try {
      const response = await fetch(new URL('/_sandbox/prices', sandboxUrl), { signal: AbortSignal.timeout(SANDBOX_ANSWER_MS) });
      if (!response.ok) throw new Error(`the sandbox answered ${response.status}`);
      const { prices } = sandboxPricesSchema.parse(await response.json());
      return { post: prices.post, postWithUrl: prices.post_with_url, dm: prices.dm };
    } catch (error) {
      // An unknown price is said as such; a send never waits on it.
      this.deps.logger.warn('the sandbox did not publish its prices', { error: String(error) });
      return UNKNOWN_PRICES;
    }
  }
}
