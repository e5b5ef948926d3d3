// The kinds of column the add-column dialog offers, and how a column describes what it follows.
import { COLUMN_KIND_LABELS, type Column, type ColumnKind } from '../../../shared/domain';

export interface ColumnKindOption {
  kind: ColumnKind;
  label: string;
  description: string;
}

export const ADDABLE_COLUMN_KINDS: readonly ColumnKindOption[] = [
  { kind: 'search', label: COLUMN_KIND_LABELS.search, description: 'Posts matching an X search query, as they are written' },
  { kind: 'mentions', label: COLUMN_KIND_LABELS.mentions, description: 'Posts that mention the handle' },
  { kind: 'user', label: COLUMN_KIND_LABELS.user, description: 'Everything one account posts' },
  { kind: 'dms', label: COLUMN_KIND_LABELS.dms, description: 'The handle’s conversations, newest first' },
  { kind: 'archive', label: COLUMN_KIND_LABELS.archive, description: 'A saved search over the posts stored on this computer' },
];

export const DEFAULT_COLUMN_KIND: ColumnKind = 'search';

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
  }
}

/** What an empty column says while it waits. */
export function emptyColumnText(column: Column, handle: string): string {
  const subject = columnSubject(column, handle);
  return column.kind === 'search' || column.kind === 'archive' ? `Waiting for posts matching “${subject}”.` : `No ${subject} yet.`;
}
