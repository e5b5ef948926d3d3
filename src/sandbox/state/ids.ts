// X ids are snowflakes: milliseconds since X's epoch in the high bits, then a worker and a
// sequence. They are decimal strings on the wire and order by time, which since_id/until_id and
// pagination rely on.

const X_EPOCH = 1288834974657n;
const SEQUENCE_LIMIT = 4096;

export class SnowflakeIds {
  private lastMs = 0;
  private sequence = 0;
  /** Sequences for ids minted at times already passed (posts back-dated by the admin API). */
  private readonly pastSequences = new Map<number, number>();

  /** `worker` (0..511) keeps kinds of ids apart; back-dated ids use worker + 512. */
  constructor(private readonly worker: number) {}

  /** A new id for an event at `ms`; ids minted for non-decreasing times strictly increase. */
  next(ms: number): string {
    const at = Math.floor(ms);
    if (at < this.lastMs) return this.backdated(at);
    if (at > this.lastMs) {
      this.lastMs = at;
      this.sequence = 0;
    } else if (++this.sequence >= SEQUENCE_LIMIT) {
      // More than 4,096 ids in one millisecond: borrow the next millisecond, as X's workers do.
      this.lastMs += 1;
      this.sequence = 0;
    }
    return compose(this.lastMs, this.worker, this.sequence);
  }

  private backdated(at: number): string {
    const sequence = this.pastSequences.get(at) ?? 0;
    this.pastSequences.set(at, sequence + 1);
    return compose(at, this.worker + 512, sequence % SEQUENCE_LIMIT);
  }
}

function compose(ms: number, worker: number, sequence: number): string {
  return ((BigInt(ms) - X_EPOCH) * 4194304n + BigInt(worker * SEQUENCE_LIMIT + sequence)).toString();
}

/** When the snowflake was minted, in ms since the epoch. */
export function snowflakeTime(id: string): number {
  return Number(BigInt(id) / 4194304n + X_EPOCH);
}

/** The smallest snowflake minted at or after `ms` (for start_time/end_time bounds). */
export function snowflakeAt(ms: number): string {
  return compose(Math.max(Number(X_EPOCH), Math.floor(ms)), 0, 0);
}

/** Orders decimal id strings numerically without BigInt. */
export { compareIds } from '../../shared/ids';

export const SNOWFLAKE_PATTERN = /^[0-9]{1,19}$/;
