// Input schemas of the column commands (the contract imports them). Kept apart from contract.ts
// so the deck's commands read as one block and the contract stays short.
import { z } from 'zod';
import { caseQueueSchema } from './case-queues';
import { filterPatternProblem } from './column-filters';
import { timeRangeSchema } from './date-range';
import { customerLabelSchema } from './customers';
import { COLUMN_SORTS, COLUMN_WIDTH, SENTIMENTS } from './domain';
import { numericId } from './ids';

export const postId = numericId;
export const columnId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be an id of letters, digits, - or _');

export const searchQuery = z
  .string()
  .trim()
  .min(1, 'Search query cannot be empty')
  .max(512, 'Search query is longer than 512 characters');

/** A username with or without its "@". */
export const username = z
  .string()
  .trim()
  .transform((value) => value.replace(/^@/, ''))
  .pipe(z.string().regex(/^[A-Za-z0-9_]{1,15}$/, 'must be an X username (letters, digits, _; at most 15)'));

const hashtag = z
  .string()
  .trim()
  .transform((value) => value.replace(/^#/, ''))
  .pipe(z.string().regex(/^[\p{L}\p{N}_]{1,100}$/u, 'must be a hashtag of letters, digits or _'));

const word = z.string().trim().min(1, 'cannot be empty').max(100, 'is longer than 100 characters');
const words = z.array(word).max(50, 'at most 50 entries');
const language = z.string().regex(/^[a-z]{2,3}(-[A-Za-z]{2,4})?$/, 'must be a language code such as "en"');

export const searchSpecSchema = z
  .object({
    allWords: words.default([]),
    exactPhrase: z.string().trim().max(200).default(''),
    anyWords: words.default([]),
    noneWords: words.default([]),
    fromAccounts: z.array(username).max(20).default([]),
    toAccounts: z.array(username).max(20).default([]),
    hashtags: z.array(hashtag).max(20).default([]),
    language: language.nullable().default(null),
    excludeReposts: z.boolean().default(false),
    excludeReplies: z.boolean().default(false),
    hasLinks: z.boolean().default(false),
    hasMedia: z.boolean().default(false),
  })
  .strict();

/** A pattern the filters can run in linear time (see compileFilterPattern). */
const filterPattern = z
  .string()
  .max(200, 'is longer than 200 characters')
  .superRefine((source, context) => {
    const problem = filterPatternProblem(source);
    if (problem) context.addIssue({ code: 'custom', message: problem });
  });

const filterFields = {
  excludeWords: words,
  excludeRegex: filterPattern.nullable(),
  languages: z.array(language).max(20),
  minFollowers: z.number().int().min(0).max(1_000_000_000),
  onlyVerified: z.boolean(),
  hideReposts: z.boolean(),
  hideReplies: z.boolean(),
  onlyWithMedia: z.boolean(),
  onlyWithLinks: z.boolean(),
  sentiments: z.array(z.enum(SENTIMENTS, 'must be negative, neutral or positive')).max(SENTIMENTS.length, 'at most one of each sentiment'),
  customerLabel: customerLabelSchema.nullable(),
  hideCustomerLabel: customerLabelSchema.nullable(),
  onlyNotedCustomers: z.boolean(),
  sort: z.enum(COLUMN_SORTS, 'must be newest or priority'),
};

/** Any subset: given fields replace the column's, the others stay. */
export const columnFiltersPatch = z.object(filterFields).partial().strict();

export const muteListSchema = z
  .object({
    words: z.array(word).max(500, 'at most 500 muted words'),
    users: z.array(username).max(500, 'at most 500 muted users'),
  })
  .strict();

const title = z.string().trim().min(1, 'Title cannot be empty').max(80, 'Title is longer than 80 characters');
const widthPx = z.number().int().min(COLUMN_WIDTH.min).max(COLUMN_WIDTH.max);

/** What every kind accepts on creation besides its source. */
const layoutFields = {
  accountId: postId,
  title: title.optional(),
  widthPx: widthPx.optional(),
  filters: columnFiltersPatch.optional(),
  notifications: z.boolean().optional(),
  /** On a team's handle: a team column (the default) or one for oneself alone, both fed by the hub. */
  forTeam: z.boolean().optional(),
};

export const archiveQuery = z.string().trim().min(1, 'Archive query cannot be empty').max(200, 'Archive query is longer than 200 characters');

export const createColumnInput = z.discriminatedUnion('kind', [
  z
    .object({ kind: z.literal('search'), query: searchQuery.optional(), builder: searchSpecSchema.optional(), range: timeRangeSchema.optional(), ...layoutFields })
    .strict()
    .refine((input) => input.query !== undefined || input.builder !== undefined, {
      message: 'A search column needs a query or a query builder',
      path: ['query'],
    }),
  z.object({ kind: z.literal('mentions'), ...layoutFields }).strict(),
  z.object({ kind: z.literal('user'), username, ...layoutFields }).strict(),
  z.object({ kind: z.literal('dms'), ...layoutFields }).strict(),
  z.object({ kind: z.literal('archive'), query: archiveQuery, ...layoutFields }).strict(),
  z.object({ kind: z.literal('cases'), queue: caseQueueSchema, ...layoutFields }).strict(),
  z.object({ kind: z.literal('approvals'), ...layoutFields }).strict(),
  z.object({ kind: z.literal('scheduled'), ...layoutFields }).strict(),
]);

export const updateColumnInput = z
  .object({
    columnId,
    title: title.optional(),
    /** Search columns: the X query (when `builder` is given too, the query wins: it is what the user saw). */
    query: searchQuery.optional(),
    /** Search columns: the builder spec, or null to drop it (the query stays). */
    builder: searchSpecSchema.nullable().optional(),
    /** Search columns: only posts within these dates (X's start_time / end_time), or null for a live search again. */
    range: timeRangeSchema.nullable().optional(),
    /** Archive columns: the local query. */
    archiveQuery: archiveQuery.optional(),
    widthPx: widthPx.optional(),
    collapsed: z.boolean().optional(),
    filters: columnFiltersPatch.optional(),
    notifications: z.boolean().optional(),
  })
  .strict();

export const moveColumnInput = z.object({ columnId, toIndex: z.number().int().min(0) }).strict();

export const listColumnPostsInput = z
  .object({
    columnId,
    limit: z.number().int().min(1).max(500).default(100),
    beforeId: postId.optional(),
  })
  .strict();

export const markColumnReadInput = z.object({ columnId, lastReadId: postId }).strict();

export const setColumnScrollInput = z
  .object({ columnId, anchorPostId: postId.nullable(), offsetPx: z.number().int().min(-100_000).max(100_000) })
  .strict();

export const exportColumnInput = z.object({ columnId, format: z.enum(['csv', 'json']) }).strict();

export const searchArchiveInput = z
  .object({
    query: z.string().max(200, 'Archive query is longer than 200 characters'),
    limit: z.number().int().min(1).max(200).default(50),
    beforeId: postId.optional(),
    /** Only posts filed in this handle's columns; all handles when absent. */
    accountId: postId.optional(),
    /** Only posts made within it (start inclusive, end exclusive). */
    range: timeRangeSchema.optional(),
  })
  .strict();

export const listDmConversationsInput = z
  .object({ columnId, limit: z.number().int().min(1).max(200).default(50) })
  .strict();
