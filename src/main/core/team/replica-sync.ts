// Keeps this desktop's replica up with the hub's log: pulls after the saved cursor (a snapshot
// first, for a new replica), one pull at a time, and applies what a poke carried when it follows
// the cursor (at a busy ingest that saves a pull per new entry).
import type { LinkStore } from './link-store';
import type { HubSession } from './hub-session';
import type { WireHubMessage } from './hub-wire';
import type { WireLogEntry } from './replica-wire';
import type { TeamReplica } from './team-replica';
import { CoalescedRun } from './coalesced-run';

type Poke = Extract<WireHubMessage, { type: 'poke' }>;

export class ReplicaSync {
  private readonly running: CoalescedRun<HubSession>;
  /** Entries pokes carried, not applied yet; and whether a poke asked for a pull. */
  private carried: { entries: WireLogEntry[]; from: number; cursor: number }[] = [];
  private pullWanted = false;

  constructor(
    private readonly store: LinkStore,
    private readonly replica: TeamReplica,
    /** False once a session is over: nothing more is applied from it. */
    private readonly current: (session: HubSession) => boolean,
  ) {
    this.running = new CoalescedRun((session) => this.pullLog(session), current);
  }

  /** A new session pulls from the saved cursor; an old session's pokes are forgotten. */
  newSession(): void {
    this.carried = [];
    this.pullWanted = true;
  }

  run(session: HubSession): Promise<void> {
    return this.running.run(session);
  }

  /** A poke that carries what follows this desktop's cursor saves a pull; any other asks for one. */
  poked(session: HubSession, poke: Poke): Promise<void> {
    const { entries, from, cursor } = poke;
    if (entries && from !== undefined && cursor !== undefined && cursor > from) this.carried.push({ entries, from, cursor });
    else this.pullWanted = true;
    return this.run(session);
  }

  /**
   * Applies what pokes carried, in order, while each follows the saved cursor; then, when a poke
   * came bare, one did not follow, or nothing was carried, pulls the log after the cursor (a
   * snapshot first, for a new replica).
   */
  private async pullLog(session: HubSession): Promise<void> {
    let pull = this.pullWanted || this.carried.length === 0;
    this.pullWanted = false;
    for (let batch = this.carried.shift(); batch && !pull && this.current(session); batch = this.carried.shift()) {
      const at = this.store.cursor();
      if (at !== null && batch.cursor <= at) continue; // already pulled
      if (batch.from !== at) {
        pull = true;
        break;
      }
      await this.replica.applyEntries(batch.entries);
      this.store.setCursor(batch.cursor);
    }
    if (pull) this.carried = [];
    if (!pull || !this.current(session)) return;
    let more = true;
    while (more && this.current(session)) {
      const cursor = this.store.cursor();
      const answer = await session.pull(cursor ?? 0, cursor === null);
      if (!this.current(session)) return;
      if (answer.type === 'snapshot') {
        await this.replica.applySnapshot(answer.snapshot);
        more = true; // then whatever the log holds after it
      } else {
        await this.replica.applyEntries(answer.entries);
        more = answer.more;
      }
      if (answer.cursor === cursor) return;
      this.store.setCursor(answer.cursor);
    }
  }
}
