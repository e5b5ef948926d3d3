// The kinds of column the add-column dialog offers, and how a column describes what it follows.
import { COLUMN_KIND_LABELS, type Column } from '../../../shared/domain';
import type { AddableKind } from './column-input';

export interface ColumnKindOption {
  kind: AddableKind;
  label: string;
  description: string;
  /** Offered only on a team's handle. */
  teamOnly?: true;
}

export const ADDABLE_COLUMN_KINDS: readonly ColumnKindOption[] = [
  { kind: 'search', label: COLUMN_KIND_LABELS.search, description: 'Posts matching an X search query, as they are written' },
  { kind: 'mentions', label: COLUMN_KIND_LABELS.mentions, description: 'Posts that mention the handle' },
  { kind: 'user', label: COLUMN_KIND_LABELS.user, description: 'Everything one account posts' },
  { kind: 'dms', label: COLUMN_KIND_LABELS.dms, description: 'The handle’s conversations, newest first' },
  { kind: 'archive', label: COLUMN_KIND_LABELS.archive, description: 'A saved search over the posts stored on this computer' },
  { kind: 'assigned', label: 'Assigned to me', description: 'Your cases on this team handle that are not resolved', teamOnly: true },
  { kind: 'unassigned', label: 'Unassigned', description: 'Open cases nobody has taken yet: the queue', teamOnly: true },
  { kind: 'cases', label: COLUMN_KIND_LABELS.cases, description: 'The handle’s cases, by status, owner, tag or priority', teamOnly: true },
  { kind: 'approvals', label: COLUMN_KIND_LABELS.approvals, description: 'Replies waiting for an approver before they go out', teamOnly: true },
  { kind: 'scheduled', label: COLUMN_KIND_LABELS.scheduled, description: 'New posts waiting for their time, sends that failed, and posts sent lately' },
];

export const DEFAULT_COLUMN_KIND: AddableKind = 'search';

/** What the column follows, for tooltips and empty states. */
export function columnSubject(column: Column, handle: string): string {
  switch (column.kind) {
    case 'search':
    case 'archive':
      return column.query;
    case 'mentions':
      return `mentions of ${handle}`;
    case 'user':
      return `posts by @${column.username}`;
    case 'dms':
      return `direct messages to ${handle}`;
    case 'cases':
      return `cases on ${handle}`;
    case 'approvals':
      return `replies waiting for approval on ${handle}`;
    case 'scheduled':
      return `scheduled posts of ${handle}`;
  }
}

/** What an empty column says while it waits. */
export function emptyColumnText(column: Column, handle: string): string {
  const subject = columnSubject(column, handle);
  return column.kind === 'search' || column.kind === 'archive' ? `Waiting for posts matching “${subject}”.` : `No ${subject} yet.`;
}
