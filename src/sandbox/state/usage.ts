// Post reads the app consumed (search, timelines, lookups, the stream), per UTC day, against
// the tier's monthly cap. GET /2/usage/tweets and the usage-capped problem read it.
import type { Clock } from '../../shared/clock';

export class UsageMeter {
  private readonly daily = new Map<string, number>();

  constructor(
    private readonly clock: Clock,
    private readonly monthlyCap: number | null,
  ) {}

  /** Counts posts delivered to the app. */
  record(posts: number): void {
    if (posts <= 0) return;
    const day = new Date(this.clock.now()).toISOString().slice(0, 10);
    this.daily.set(day, (this.daily.get(day) ?? 0) + posts);
  }

  /** Posts read in the current calendar month (UTC). */
  monthToDate(): number {
    const month = new Date(this.clock.now()).toISOString().slice(0, 7);
    let total = 0;
    for (const [day, count] of this.daily) if (day.startsWith(month)) total += count;
    return total;
  }

  /** Reads per UTC day (YYYY-MM-DD), oldest first. */
  days(): { date: string; count: number }[] {
    return [...this.daily].sort(([a], [b]) => (a < b ? -1 : 1)).map(([date, count]) => ({ date, count }));
  }

  get cap(): number | null {
    return this.monthlyCap;
  }

  /** True when the monthly cap is reached: reads are refused until the month turns. */
  capped(): boolean {
    return this.monthlyCap !== null && this.monthToDate() >= this.monthlyCap;
  }
}
