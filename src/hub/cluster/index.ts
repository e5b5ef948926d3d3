// The parts that let several hub processes share one PostgreSQL store; trivial ones on SQLite.
import type { Logger } from '../../main/core/ports';
import { isPostgresUrl } from '../db/open';
import type { HubDb } from '../db/schema';
import { PostgresLeaderLease, SingleProcessLease, type LeaderLease } from './leader-lease';
import { LocalSpaceNotifier, PostgresSpaceNotifier, type SpaceNotifier } from './space-notifier';

export { advisoryLockKey, INGEST_LOCK_NAME, PostgresLeaderLease, SingleProcessLease, type LeaderLease } from './leader-lease';
export { LocalSpaceNotifier, PostgresSpaceNotifier, SPACES_CHANNEL, type SpaceNotifier } from './space-notifier';

export interface HubCluster {
  lease: LeaderLease;
  notifier: SpaceNotifier;
}

/** For the store named by `spec` (as given to openHubStore) and opened as `db`. */
export function createHubCluster(spec: string, db: HubDb, logger: Logger, timing: { retryMs?: number; relistenMs?: number } = {}): HubCluster {
  if (!isPostgresUrl(spec)) return { lease: new SingleProcessLease(logger), notifier: new LocalSpaceNotifier() };
  return {
    lease: new PostgresLeaderLease({ connectionString: spec, retryMs: timing.retryMs, logger }),
    notifier: new PostgresSpaceNotifier({ connectionString: spec, db, relistenMs: timing.relistenMs, logger }),
  };
}
