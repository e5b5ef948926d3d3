// The add-column dialog's fields → the createColumn command, per kind. Pure: the dialog shows
// what this returns (a command, or why there is none yet).
import { ASSIGNED_TO_ME, UNASSIGNED } from '../../../shared/case-queues';
import type { CasePriority, CaseStatus } from '../../../shared/hub-protocol';
import type { CommandInput } from '../../../shared/contract';
import { rangeOfDays, todayIn } from '../../../shared/date-range';
import type { ColumnKind, SearchSpec } from '../../../shared/domain';
import { buildSearchQuery, EMPTY_SEARCH_SPEC, searchDaysProblem } from '../../../shared/query-builder';

/** The query builder as the person types it: space- or comma-separated lists, "quoted phrases". */
export interface SearchBuilderForm {
  allWords: string;
  exactPhrase: string;
  anyWords: string;
  noneWords: string;
  fromAccounts: string;
  toAccounts: string;
  hashtags: string;
  /** A language code, or '' for any language. */
  language: string;
  excludeReposts: boolean;
  excludeReplies: boolean;
  hasLinks: boolean;
  hasMedia: boolean;
  /** From / To dates (`YYYY-MM-DD`, '' for open), whole days in the person's time zone, both included. */
  fromDate: string;
  toDate: string;
}

export const emptyBuilderForm = (): SearchBuilderForm => ({
  allWords: '',
  exactPhrase: '',
  anyWords: '',
  noneWords: '',
  fromAccounts: '',
  toAccounts: '',
  hashtags: '',
  language: '',
  excludeReposts: false,
  excludeReplies: false,
  hasLinks: false,
  hasMedia: false,
  fromDate: '',
  toDate: '',
});

/** Words split on spaces and commas; a "quoted phrase" stays one term. Duplicates dropped. */
export function splitTerms(text: string): string[] {
  const terms: string[] = [];
  for (const match of text.matchAll(/"([^"]*)"|([^\s,"]+)/g)) {
    const term = (match[1] ?? match[2] ?? '').replace(/\s+/g, ' ').trim();
    if (term && !terms.includes(term)) terms.push(term);
  }
  return terms;
}

const withoutPrefix = (prefix: string) => (term: string) => (term.startsWith(prefix) ? term.slice(prefix.length) : term);

export function specFromForm(form: SearchBuilderForm): SearchSpec {
  return {
    ...EMPTY_SEARCH_SPEC,
    allWords: splitTerms(form.allWords),
    exactPhrase: form.exactPhrase.trim(),
    anyWords: splitTerms(form.anyWords),
    noneWords: splitTerms(form.noneWords),
    fromAccounts: splitTerms(form.fromAccounts).map(withoutPrefix('@')),
    toAccounts: splitTerms(form.toAccounts).map(withoutPrefix('@')),
    hashtags: splitTerms(form.hashtags).map(withoutPrefix('#')),
    language: form.language.trim() || null,
    excludeReposts: form.excludeReposts,
    excludeReplies: form.excludeReplies,
    hasLinks: form.hasLinks,
    hasMedia: form.hasMedia,
  };
}

/** The X query the builder stands for ('' while it is empty). */
export const builtQuery = (form: SearchBuilderForm): string => buildSearchQuery(specFromForm(form));

/** The dialog's kinds: the column kinds, with the named case queues apart ("Assigned to me", "Unassigned"). */
export type AddableKind = ColumnKind | 'assigned' | 'unassigned';

/** A "Cases" column's filters as the dialog holds them ('' = any). */
export interface CaseQueueForm {
  status: CaseStatus | '';
  assigneeId: string;
  tag: string;
  priority: CasePriority | '';
}

export const emptyCaseQueueForm = (): CaseQueueForm => ({ status: 'open', assigneeId: '', tag: '', priority: '' });

export interface AddColumnForm {
  kind: AddableKind;
  /** Cases: what the queue shows. */
  queue: CaseQueueForm;
  accountId: string;
  /** Search: the X query, as shown and possibly edited. */
  query: string;
  builder: SearchBuilderForm;
  /** User: whose posts. */
  username: string;
  /** Archive search: the local query. */
  archiveQuery: string;
}

export type CreateColumnInput = CommandInput<'createColumn'>;

/** The command for the form, or why it cannot be sent yet. `today`: the person's date, `YYYY-MM-DD`. */
export function columnInput(form: AddColumnForm, today: string = todayIn(Date.now())): CreateColumnInput | string {
  const accountId = form.accountId;
  if (!accountId) return 'Choose the account this column belongs to';
  switch (form.kind) {
    case 'search': {
      const query = form.query.trim();
      if (!query) return 'Type a search query, or fill in the query builder';
      // The dates are X's start_time / end_time, not part of the query: they hold whoever wrote it.
      const days = { fromDate: form.builder.fromDate, toDate: form.builder.toDate };
      const datesProblem = searchDaysProblem(days, today);
      if (datesProblem) return datesProblem;
      const range = rangeOfDays(days);
      // The builder is kept with the column only while the query is still the one it built.
      const built = builtQuery(form.builder);
      return {
        kind: 'search',
        accountId,
        query,
        ...(built !== '' && built === query ? { builder: specFromForm(form.builder) } : {}),
        ...(range ? { range } : {}),
      };
    }
    case 'mentions':
      return { kind: 'mentions', accountId };
    case 'dms':
      return { kind: 'dms', accountId };
    case 'user': {
      const username = form.username.trim().replace(/^@/, '');
      return username ? { kind: 'user', accountId, username } : 'Type the username whose posts the column follows';
    }
    case 'archive': {
      const query = form.archiveQuery.trim();
      return query ? { kind: 'archive', accountId, query } : 'Type what to look for in the archive';
    }
    case 'assigned':
      return { kind: 'cases', accountId, queue: ASSIGNED_TO_ME };
    case 'unassigned':
      return { kind: 'cases', accountId, queue: UNASSIGNED };
    case 'approvals':
      return { kind: 'approvals', accountId };
    case 'scheduled':
      return { kind: 'scheduled', accountId };
    case 'cases': {
      const { status, assigneeId, tag, priority } = form.queue;
      const queue = { scope: 'all' as const, statuses: status ? [status] : [], assigneeId: assigneeId || null, tag: tag.trim() || null, priority: priority || null };
      return { kind: 'cases', accountId, queue };
    }
  }
}

/** What the dialog opens with when a post's @mention or #hashtag asks for a column. */
export interface AddColumnPreset {
  kind: AddableKind;
  query?: string;
  username?: string;
}

/** A mention opens a User column on that account; a hashtag or cashtag a search for it. */
export function presetForEntity(segment: { kind: 'mention'; username: string } | { kind: 'hashtag' | 'cashtag'; text: string }): AddColumnPreset {
  return segment.kind === 'mention' ? { kind: 'user', username: segment.username } : { kind: 'search', query: segment.text };
}
