// The "Edit search" dialog of a search column: the column → the form it opens with, and the form →
// the updateColumn changes. Pure (today and the time zone are passed in), like column-input.ts.
import type { CommandInput } from '../../../shared/contract';
import { daysOfRange, rangeOfDays, type DayRange, type Zone } from '../../../shared/date-range';
import type { Column, SearchSpec } from '../../../shared/domain';
import { searchDaysProblem } from '../../../shared/query-builder';
import { builtQuery, emptyBuilderForm, specFromForm, type SearchBuilderForm } from './column-input';
import type { MenuItem } from './menu-navigation';

export type SearchColumn = Column & { kind: 'search' };
/** The deck store's ColumnChanges, taken from the contract here: importing the store would pull in the bridge and the DOM. */
export type SearchColumnChanges = Omit<CommandInput<'updateColumn'>, 'columnId'>;

export interface EditSearchForm {
  /** The X query, as shown and possibly edited. */
  query: string;
  /** The builder's fields, the From / To dates among them. */
  builder: SearchBuilderForm;
}

/** Why a team column's search cannot be edited here: the hub sets it for the whole team. */
export const TEAM_SEARCH_HINT = 'A team column: its search is set for the whole team. Add a team column with the new search, then remove this one.';

/** The column menu's "Edit search": search columns only; shown but disabled on a team column, with why. */
export function editSearchItem(column: Column): MenuItem | null {
  if (column.kind !== 'search') return null;
  return column.fromTeam ? { id: 'edit-search', label: 'Edit search', disabled: true, hint: TEAM_SEARCH_HINT } : { id: 'edit-search', label: 'Edit search' };
}

/** What a search column's posts were fetched for (its query and dates), or null for other kinds. */
export const searchSourceKey = (column: Column): string | null => (column.kind === 'search' ? JSON.stringify([column.query, column.range?.start ?? null, column.range?.end ?? null]) : null);

/** A list field as splitTerms reads it back: terms with spaces or commas become "quoted phrases". */
const joinTerms = (terms: readonly string[], prefix = ''): string => terms.map((term) => (/[\s,]/.test(term) ? `"${term}"` : `${prefix}${term}`)).join(' ');

/** The builder's fields for a stored spec (specFromForm's inverse) and the column's days. */
export function builderFormOf(spec: SearchSpec | null, days: DayRange): SearchBuilderForm {
  const form = { ...emptyBuilderForm(), fromDate: days.fromDate, toDate: days.toDate };
  if (!spec) return form;
  return {
    ...form,
    allWords: joinTerms(spec.allWords),
    exactPhrase: spec.exactPhrase,
    anyWords: joinTerms(spec.anyWords),
    noneWords: joinTerms(spec.noneWords),
    fromAccounts: joinTerms(spec.fromAccounts, '@'),
    toAccounts: joinTerms(spec.toAccounts, '@'),
    hashtags: joinTerms(spec.hashtags, '#'),
    language: spec.language ?? '',
    excludeReposts: spec.excludeReposts,
    excludeReplies: spec.excludeReplies,
    hasLinks: spec.hasLinks,
    hasMedia: spec.hasMedia,
  };
}

/** What the dialog opens with: the column's query, its builder, its range as days in `zone`. */
export function editSearchForm(column: SearchColumn, zone: Zone = 'local'): EditSearchForm {
  return { query: column.query, builder: builderFormOf(column.builder, daysOfRange(column.range, zone)) };
}

/**
 * The updateColumn changes for the form (`{}` when nothing changed), or why there are none.
 * Only what changed is sent: dates left as they were are not checked again, here or by the core,
 * so a fixed window that has since passed can keep its dates while its query changes.
 */
export function searchChanges(column: SearchColumn, form: EditSearchForm, today: string, zone: Zone = 'local'): SearchColumnChanges | string {
  const query = form.query.trim();
  if (!query) return 'Type a search query, or fill in the query builder';
  const changes: SearchColumnChanges = {};
  if (query !== column.query) {
    // The builder stays with the column only while the query is still the one it built.
    const built = builtQuery(form.builder);
    changes.query = query;
    changes.builder = built !== '' && built === query ? specFromForm(form.builder) : null;
  }
  const before = daysOfRange(column.range, zone);
  const days = { fromDate: form.builder.fromDate.trim(), toDate: form.builder.toDate.trim() };
  if (days.fromDate !== before.fromDate || days.toDate !== before.toDate) {
    const problem = searchDaysProblem(days, today);
    if (problem) return problem;
    // No days at all: a live search again.
    changes.range = rangeOfDays(days, zone);
  }
  return changes;
}
