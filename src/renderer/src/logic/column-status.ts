// What a column's header says about its source.
import type { ColumnStatus } from '../../../shared/domain';

export type StatusTone = 'live' | 'pending' | 'paused' | 'error';

export interface StatusBadge {
  label: string;
  tone: StatusTone;
  /** Longer explanation for a tooltip or the line under the header, when there is one. */
  detail: string | null;
}

/** A column has no status until its source reports one: it is connecting. */
export function statusBadge(status: ColumnStatus | undefined): StatusBadge {
  const message = status?.message ?? null;
  switch (status?.state) {
    case 'streaming':
      return { label: 'Live', tone: 'live', detail: 'Posts arrive from the filtered stream as they are written' };
    case 'polling':
      return { label: 'Live', tone: 'live', detail: 'Recent search is checked every few seconds' };
    case 'local':
      return { label: 'Archive', tone: 'live', detail: 'Searches the posts stored on this computer' };
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
