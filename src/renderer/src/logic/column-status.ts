// What a column's header says about its source, in words true to the column's kind.
import type { ColumnKind, ColumnStatus } from '../../../shared/domain';

export type StatusTone = 'live' | 'pending' | 'paused' | 'error';

export interface StatusBadge {
  label: string;
  tone: StatusTone;
  /** Longer explanation for a tooltip or the line under the header, when there is one. */
  detail: string | null;
}

/** How the core polls each kind when the filtered stream does not feed it (see the core's pollers and X_RATE_LIMITS). */
const POLLED_BY_KIND: Readonly<Record<ColumnKind, string>> = {
  search: "X's recent search is checked every few seconds",
  mentions: "The handle's mentions are checked every few seconds",
  user: "The account's posts are checked every few seconds",
  // X allows a handle 15 DM reads per 15 minutes, and the core spreads them out.
  dms: 'Direct messages are checked about once a minute, as often as X allows (15 reads per handle every 15 minutes)',
  archive: 'Searches the posts stored on this computer',
  cases: 'Lists the team’s cases as this desktop’s copy of the hub has them, live',
  approvals: 'Lists the replies waiting for approval at the team’s hub, live',
};

/** Only search, mentions and user columns can be fed by X's filtered stream. */
const STREAMED = "Posts arrive from X's filtered stream as they are written";

/** Archive columns, and columns X cannot feed, show only what this computer has stored. */
const LOCAL = 'Searches the posts stored on this computer: nothing is fetched from X';

/** A column has no status until its source reports one: it is connecting. */
export function statusBadge(status: ColumnStatus | undefined, kind: ColumnKind): StatusBadge {
  const message = status?.message ?? null;
  switch (status?.state) {
    case 'streaming':
      return { label: 'Live', tone: 'live', detail: STREAMED };
    case 'polling':
      // The core says why a streamable column is polled instead (e.g. over X's rule limits).
      return { label: 'Live', tone: 'live', detail: message ? `${message}. ${POLLED_BY_KIND[kind]}` : POLLED_BY_KIND[kind] };
    case 'local':
      if (kind === 'cases' || kind === 'approvals') return { label: 'Live', tone: 'live', detail: POLLED_BY_KIND[kind] };
      return { label: kind === 'archive' ? 'Archive' : 'Local', tone: 'live', detail: LOCAL };
    case 'rate_limited':
      return { label: 'Rate limited', tone: 'paused', detail: message };
    case 'paused':
      return { label: 'Paused', tone: 'paused', detail: message };
    case 'error':
      return { label: message ?? 'The column stopped because of an error', tone: 'error', detail: message };
    case 'connecting':
    case undefined:
      return { label: 'Connecting…', tone: 'pending', detail: null };
  }
}
