// The one contract between the renderer and the main side. Every command: input schema, result
// type, the permission it needs. Every event: payload type. Hosts and the client derive from this.
import { z } from 'zod';
import type { Account, Column, ColumnStatus, Permission, PostView, Workspace } from './domain';

interface CommandSpec<I extends z.ZodType, R> {
  input: I;
  permission: Permission;
  /** Phantom: carries the result type only (never set at run time). */
  result?: { type: R };
}

function command<I extends z.ZodType>(input: I, permission: Permission) {
  return { returns: <R>(): CommandSpec<I, R> => ({ input, permission }) };
}

function event<P>(): { payload?: { type: P } } {
  return {};
}

const id = z.string().regex(/^\d{1,19}$/, 'must be a numeric id');
const localId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be an id of letters, digits, - or _');
const none = z.object({}).strict();

export const searchQuery = z
  .string()
  .trim()
  .min(1, 'Search query cannot be empty')
  .max(512, 'Search query is longer than 512 characters');

/** X counts characters by code point for most scripts; 280 is the plain-account ceiling. */
export const replyText = z
  .string()
  .trim()
  .min(1, 'Reply text cannot be empty')
  .refine((text) => Array.from(text).length <= 280, 'Reply text is longer than 280 characters');

export const commands = {
  getWorkspace: command(none, 'read').returns<Workspace>(),
  listAccounts: command(none, 'read').returns<Account[]>(),
  listColumns: command(none, 'read').returns<Column[]>(),
  createColumn: command(
    z
      .object({
        kind: z.literal('search'),
        accountId: id,
        query: searchQuery,
        title: z.string().trim().min(1).max(80).optional(),
      })
      .strict(),
    'manage',
  ).returns<Column>(),
  removeColumn: command(z.object({ columnId: localId }).strict(), 'manage').returns<null>(),
  listColumnPosts: command(
    z
      .object({
        columnId: localId,
        limit: z.number().int().min(1).max(500).default(100),
        beforeId: id.optional(),
      })
      .strict(),
    'read',
  ).returns<PostView[]>(),
  listColumnStatuses: command(none, 'read').returns<ColumnStatus[]>(),
  replyToPost: command(
    z.object({ accountId: id, inReplyToPostId: id, text: replyText }).strict(),
    'reply',
  ).returns<{ id: string }>(),
} as const;

export const events = {
  /** New posts for a column, newest first; coalesced per column. */
  columnPosts: event<{ columnId: string; posts: PostView[] }>(),
  columnStatus: event<ColumnStatus>(),
  columnsChanged: event<Column[]>(),
} as const;

export type Commands = typeof commands;
export type CommandName = keyof Commands;
export type CommandInput<K extends CommandName> = z.input<Commands[K]['input']>;
export type ParsedInput<K extends CommandName> = z.output<Commands[K]['input']>;
export type CommandResult<K extends CommandName> = NonNullable<Commands[K]['result']>['type'];

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<K extends EventName> = NonNullable<Events[K]['payload']>['type'];

export const COMMAND_NAMES = Object.keys(commands) as CommandName[];
export const EVENT_NAMES = Object.keys(events) as EventName[];

export function isCommandName(name: unknown): name is CommandName {
  return typeof name === 'string' && Object.hasOwn(commands, name);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(events, name);
}
