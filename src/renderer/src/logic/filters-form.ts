// A column's filters and the global mute list as the forms edit them (text fields), and back,
// checked with the contract's own schemas so the form says what the core would refuse.
import { columnFiltersPatch, muteListSchema } from '../../../shared/column-schemas';
import { labelChoices } from '../../../shared/customers';
import type { ColumnFilters, ColumnSort, MuteList, Sentiment } from '../../../shared/domain';

/** The sentiment filter's choices (a select): which sentiments a column keeps. */
export const SENTIMENT_CHOICES = [
  { value: 'any', label: 'Any sentiment', sentiments: [] },
  { value: 'negative', label: 'Negative', sentiments: ['negative'] },
  { value: 'not-positive', label: 'Negative or neutral', sentiments: ['negative', 'neutral'] },
  { value: 'neutral', label: 'Neutral', sentiments: ['neutral'] },
  { value: 'not-negative', label: 'Neutral or positive', sentiments: ['neutral', 'positive'] },
  { value: 'positive', label: 'Positive', sentiments: ['positive'] },
] as const satisfies readonly { value: string; label: string; sentiments: readonly Sentiment[] }[];

export type SentimentChoice = (typeof SENTIMENT_CHOICES)[number]['value'];

export const SORT_CHOICES: readonly { value: ColumnSort; label: string }[] = [
  { value: 'newest', label: 'Newest first' },
  { value: 'priority', label: 'Priority first' },
];

/** The choice that keeps exactly these sentiments ("any" for a set no choice names). */
function sentimentChoiceOf(sentiments: readonly Sentiment[]): SentimentChoice {
  const key = [...sentiments].sort().join();
  return SENTIMENT_CHOICES.find((choice) => [...choice.sentiments].sort().join() === key)?.value ?? 'any';
}

export interface FiltersForm {
  /** Comma-separated words or phrases. */
  excludeWords: string;
  excludeRegex: string;
  /** Comma- or space-separated language codes. */
  languages: string;
  /** A number input: Vue's v-model gives a number, or '' while it is empty. */
  minFollowers: string | number;
  onlyVerified: boolean;
  hideReposts: boolean;
  hideReplies: boolean;
  onlyWithMedia: boolean;
  onlyWithLinks: boolean;
  sentiment: SentimentChoice;
  /** A select: '' keeps every author, else only customers carrying the label. */
  customerLabel: string;
  /** A select: '' hides nobody, else customers carrying the label. */
  hideCustomerLabel: string;
  onlyNotedCustomers: boolean;
  sort: ColumnSort;
}

export type FiltersField = keyof FiltersForm;

export function formFromFilters(filters: ColumnFilters): FiltersForm {
  return {
    excludeWords: filters.excludeWords.join(', '),
    excludeRegex: filters.excludeRegex ?? '',
    languages: filters.languages.join(', '),
    minFollowers: filters.minFollowers > 0 ? String(filters.minFollowers) : '',
    onlyVerified: filters.onlyVerified,
    hideReposts: filters.hideReposts,
    hideReplies: filters.hideReplies,
    onlyWithMedia: filters.onlyWithMedia,
    onlyWithLinks: filters.onlyWithLinks,
    sentiment: sentimentChoiceOf(filters.sentiments),
    customerLabel: filters.customerLabel ?? '',
    hideCustomerLabel: filters.hideCustomerLabel ?? '',
    onlyNotedCustomers: filters.onlyNotedCustomers,
    sort: filters.sort,
  };
}

/** The labels the customer-label filters offer: the presets, those in use, and the ones the form holds (a label nobody carries any more stays shown). */
export function customerLabelOptions(inUse: readonly string[], form: Pick<FiltersForm, 'customerLabel' | 'hideCustomerLabel'>): string[] {
  return labelChoices([...inUse, form.customerLabel, form.hideCustomerLabel].filter((label) => label !== ''));
}

/** Items of a list typed with commas or new lines; empty ones dropped, each once (case-insensitive). */
export function splitList(text: string, separators: RegExp = /[,\n]/): string[] {
  const seen = new Set<string>();
  const items: string[] = [];
  for (const raw of text.split(separators)) {
    const item = raw.replace(/\s+/g, ' ').trim();
    const key = item.toLowerCase();
    if (item && !seen.has(key)) {
      seen.add(key);
      items.push(item);
    }
  }
  return items;
}

export type Checked<T, F extends string> = { ok: true; value: T } | { ok: false; field: F | null; message: string };

function parseFollowers(value: string | number): number {
  if (typeof value === 'number') return value;
  const trimmed = value.trim();
  return trimmed === '' ? 0 : Number(trimmed);
}

/** The filters the form stands for, or the first problem with the field it belongs to. */
export function filtersFromForm(form: FiltersForm): Checked<ColumnFilters, FiltersField> {
  const candidate = {
    excludeWords: splitList(form.excludeWords),
    excludeRegex: form.excludeRegex.trim() === '' ? null : form.excludeRegex.trim(),
    languages: splitList(form.languages.toLowerCase(), /[,\s]+/),
    minFollowers: parseFollowers(form.minFollowers),
    onlyVerified: form.onlyVerified,
    hideReposts: form.hideReposts,
    hideReplies: form.hideReplies,
    onlyWithMedia: form.onlyWithMedia,
    onlyWithLinks: form.onlyWithLinks,
    sentiments: [...(SENTIMENT_CHOICES.find((choice) => choice.value === form.sentiment)?.sentiments ?? [])],
    customerLabel: form.customerLabel === '' ? null : form.customerLabel,
    hideCustomerLabel: form.hideCustomerLabel === '' ? null : form.hideCustomerLabel,
    onlyNotedCustomers: form.onlyNotedCustomers,
    sort: form.sort,
  };
  // Keeping and hiding one label would empty the column: said rather than saved.
  if (candidate.customerLabel !== null && candidate.customerLabel.toLowerCase() === candidate.hideCustomerLabel?.toLowerCase()) {
    return { ok: false, field: 'hideCustomerLabel', message: `${FIELD_NAMES.hideCustomerLabel}: the column already keeps only customers labelled ${candidate.customerLabel}` };
  }
  const parsed = columnFiltersPatch.required().safeParse(candidate);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0]!;
  const field = typeof issue.path[0] === 'string' ? (issue.path[0] as FiltersField) : null;
  return { ok: false, field, message: `${FIELD_NAMES[field ?? 'excludeWords']}: ${issue.message}` };
}

const FIELD_NAMES: Readonly<Record<FiltersField, string>> = {
  excludeWords: 'Hidden words',
  excludeRegex: 'Hidden pattern',
  languages: 'Languages',
  minFollowers: 'Minimum followers',
  onlyVerified: 'Only verified',
  hideReposts: 'Hide reposts',
  hideReplies: 'Hide replies',
  onlyWithMedia: 'Only with media',
  onlyWithLinks: 'Only with links',
  sentiment: 'Sentiment',
  customerLabel: 'Customer label',
  hideCustomerLabel: 'Hide customers labelled',
  onlyNotedCustomers: 'Has customer notes',
  sort: 'Sort',
};

/** How many filters hide something (for the column's header). */
export function activeFilterCount(filters: ColumnFilters): number {
  return [
    filters.excludeWords.length > 0,
    filters.excludeRegex !== null && filters.excludeRegex !== '',
    filters.languages.length > 0,
    filters.minFollowers > 0,
    filters.onlyVerified,
    filters.hideReposts,
    filters.hideReplies,
    filters.onlyWithMedia,
    filters.onlyWithLinks,
    filters.sentiments.length > 0,
    filters.customerLabel !== null,
    filters.hideCustomerLabel !== null,
    filters.onlyNotedCustomers,
  ].filter(Boolean).length;
}

export const sameFilters = (a: ColumnFilters, b: ColumnFilters): boolean => JSON.stringify(a) === JSON.stringify(b);

/** The mute list from its two text areas (one entry a line, or comma-separated). */
export function muteListFromText(words: string, users: string): Checked<MuteList, 'words' | 'users'> {
  const candidate = { words: splitList(words), users: splitList(users, /[,\s]+/).map((user) => user.replace(/^@/, '')) };
  const parsed = muteListSchema.safeParse(candidate);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0]!;
  const field = issue.path[0] === 'users' ? 'users' : 'words';
  const entry = typeof issue.path[1] === 'number' ? ` (“${candidate[field][issue.path[1]]}”)` : '';
  return { ok: false, field, message: `${field === 'users' ? 'Muted users' : 'Muted words'}${entry}: ${issue.message}` };
}
