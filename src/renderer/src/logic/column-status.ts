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
  scheduled: 'Lists the handle’s outbox as it changes: posts waiting for their time, failed sends, posts sent lately',
};

/** Search, mentions and user columns are fed by X's filtered stream; DMs by its Activity API. */
const STREAMED = "Posts arrive from X's filtered stream as they are written";
const DMS_STREAMED = "Messages arrive from X's Activity API as they are sent; a check every few minutes catches anything a reconnection missed";

/** "40 s ago", "3 min ago", "2 h ago": how long since `atMs`. */
function ago(atMs: number, nowMs: number): string {
  const seconds = Math.max(0, Math.floor((nowMs - atMs) / 1000));
  if (seconds < 60) return `${seconds} s ago`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  return `${Math.floor(seconds / 3600)} h ago`;
}

/** A polled DMs column says how fresh it is: X allows few DM reads, so this can be a minute old. */
function dmsFreshness(status: ColumnStatus, nowMs: number): StatusBadge | null {
  const checkedAtMs = status.checkedAt ? Date.parse(status.checkedAt) : Number.NaN;
  if (Number.isNaN(checkedAtMs)) return null;
  const checked = `Checked ${ago(checkedAtMs, nowMs)}`;
  const detail = `${checked}; X allows 15 DM reads per 15 minutes`;
  return { label: checked, tone: 'live', detail: status.message ? `${detail}. ${status.message}` : detail };
}

/** Archive columns, and columns X cannot feed, show only what this computer has stored. */
const LOCAL = 'Searches the posts stored on this computer: nothing is fetched from X';

/** A column has no status until its source reports one: it is connecting. `nowMs` moves the "Checked … ago" of polled DMs. */
export function statusBadge(status: ColumnStatus | undefined, kind: ColumnKind, nowMs: number = Date.now()): StatusBadge {
  const message = status?.message ?? null;
  switch (status?.state) {
    case 'streaming':
      return { label: 'Live', tone: 'live', detail: kind === 'dms' ? DMS_STREAMED : STREAMED };
    case 'polling': {
      const fresh = kind === 'dms' ? dmsFreshness(status, nowMs) : null;
      if (fresh) return fresh;
      // The core says why a streamable column is polled instead (e.g. over X's rule limits).
      return { label: 'Live', tone: 'live', detail: message ? `${message}. ${POLLED_BY_KIND[kind]}` : POLLED_BY_KIND[kind] };
    }
    case 'local':
      if (kind === 'cases' || kind === 'approvals' || kind === 'scheduled') return { label: 'Live', tone: 'live', detail: POLLED_BY_KIND[kind] };
      // A dated search whose dates have passed says so (the core's message).
      return { label: kind === 'archive' ? 'Archive' : 'Local', tone: 'live', detail: message ?? LOCAL };
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
