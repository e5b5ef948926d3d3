// Desktop notifications for columns that ask for them: when to ask the browser for permission
// (once), and what a notification says.
import type { Column, PostView } from '../../../shared/domain';

export type NotificationPermissionState = 'default' | 'granted' | 'denied' | 'unsupported';

/**
 * Ask only when something wants notifications (a column, or case notices of a member of a team),
 * the browser has not been answered, and we have not asked yet.
 */
export function shouldAskPermission(columns: readonly Pick<Column, 'notifications'>[], permission: NotificationPermissionState, alreadyAsked: boolean, caseNotices = false): boolean {
  return !alreadyAsked && permission === 'default' && (caseNotices || columns.some((column) => column.notifications));
}

export interface DeckNotification {
  title: string;
  body: string;
  /** One notification per column: a newer one replaces it. */
  tag: string;
}

const BODY_LIMIT = 140;

const clip = (text: string) => {
  const flat = text.replace(/\s+/g, ' ').trim();
  const points = Array.from(flat);
  return points.length > BODY_LIMIT ? `${points.slice(0, BODY_LIMIT - 1).join('')}…` : flat;
};

/**
 * What to show for posts that just arrived in a column (newest first): the post itself when it is
 * one, a count otherwise. `pending` is what earlier notifications of the column still show.
 */
export function notificationFor(column: Pick<Column, 'id' | 'title'>, posts: readonly PostView[], pending = 0): DeckNotification | null {
  const newest = posts[0];
  if (!newest) return null;
  const count = posts.length + pending;
  const body = count === 1 ? `@${newest.author.username}: ${clip(newest.text)}` : `${count} new posts. Latest from @${newest.author.username}: ${clip(newest.text)}`;
  return { title: column.title, body, tag: `deckhand-column-${column.id}` };
}

/** Notify only when the agent is not looking at the deck. */
export const shouldNotify = (column: Pick<Column, 'notifications' | 'kind'>, pageVisible: boolean, pageFocused: boolean): boolean =>
  column.notifications && column.kind !== 'archive' && !(pageVisible && pageFocused);
