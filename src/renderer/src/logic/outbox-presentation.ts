// How a Scheduled column names where a send stands, and when.
import type { OutboxItemView } from '../../../shared/outbox';

export interface OutboxItemState {
  /** "Scheduled", "Sending", "Sent" or "Failed" (the UI contract's outbox states). */
  label: 'Scheduled' | 'Queued' | 'Sending' | 'Sent' | 'Failed';
  time: { iso: string; text: string; full: string } | null;
}

const format = (iso: string, locale?: string) => ({
  iso,
  text: new Date(iso).toLocaleString(locale, { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }),
  full: new Date(iso).toLocaleString(locale, { dateStyle: 'full', timeStyle: 'long' }),
});

export function outboxItemState(item: OutboxItemView, locale?: string): OutboxItemState {
  switch (item.status) {
    case 'queued':
      // A post asked "now" that could not go yet waits in line; a later one waits for its time.
      return item.sendAt > item.createdAt ? { label: 'Scheduled', time: format(item.sendAt, locale) } : { label: 'Queued', time: null };
    case 'sending':
      return { label: 'Sending', time: null };
    case 'sent':
      return { label: 'Sent', time: format(item.updatedAt, locale) };
    case 'failed':
      return { label: 'Failed', time: format(item.updatedAt, locale) };
  }
}

/**
 * The ISO time of a `<input type="datetime-local">` value, read in the user's time zone; null when
 * empty or not a time.
 */
export function sendAtFromLocal(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value)) return null;
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? null : at.toISOString();
}

/** The value a datetime-local input shows for `ms`, in the user's time zone (to the minute). */
export function localInputValue(ms: number): string {
  const at = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}`;
}
