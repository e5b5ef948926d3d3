// The one contract between the renderer and the main side. Every command: input schema, result
// type, the permission it needs. Every event: payload type. Hosts and the client derive from this.
import { z } from 'zod';
import type {
  Account,
  AccountConnectResult,
  AccountConnectStart,
  Column,
  ColumnStatus,
  DmConversation,
  DmEventView,
  ExportedFile,
  MuteList,
  Permission,
  PostView,
  UnreadCount,
  Workspace,
  XAppCapabilities,
  XAppSettings,
} from './domain';
import { cancelAccountConnectInput, removeAccountInput, saveXAppSettingsInput } from './account-schemas';
import {
  columnId as columnIdSchema,
  createColumnInput,
  exportColumnInput,
  listColumnPostsInput,
  listDmConversationsInput,
  markColumnReadInput,
  moveColumnInput,
  muteListSchema,
  searchArchiveInput,
  searchQuery as searchQuerySchema,
  setColumnScrollInput,
  updateColumnInput,
} from './column-schemas';

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
const none = z.object({}).strict();

export const searchQuery = searchQuerySchema;

/** X counts characters by code point for most scripts; 280 is the plain-account ceiling. */
export const replyText = z
  .string()
  .trim()
  .min(1, 'Reply text cannot be empty')
  .refine((text) => Array.from(text).length <= 280, 'Reply text is longer than 280 characters');

export const commands = {
  getWorkspace: command(none, 'read').returns<Workspace>(),
  listAccounts: command(none, 'read').returns<Account[]>(),
  // Brand handles: the X app, connecting (OAuth 2.0 + PKCE in the browser), removing.
  getXAppSettings: command(none, 'read').returns<XAppSettings>(),
  saveXAppSettings: command(saveXAppSettingsInput, 'manage').returns<XAppSettings>(),
  /** Whether the app's access includes the filtered stream, and its current usage (GET /2/usage/tweets). */
  getXAppCapabilities: command(none, 'read').returns<XAppCapabilities>(),
  /** Starts a sign-in; the result arrives as `accountConnectFinished`. */
  startAccountConnect: command(none, 'manage').returns<AccountConnectStart>(),
  cancelAccountConnect: command(cancelAccountConnectInput, 'manage').returns<null>(),
  /** Revokes the handle's tokens at X, deletes them from the keychain, keeps or deletes its data. */
  removeAccount: command(removeAccountInput, 'manage').returns<null>(),
  // Columns (the deck). Deck edits need "manage"; reading and reading positions need "read".
  listColumns: command(none, 'read').returns<Column[]>(),
  createColumn: command(createColumnInput, 'manage').returns<Column>(),
  updateColumn: command(updateColumnInput, 'manage').returns<Column>(),
  /** Moves a column to `toIndex` (clamped); answers the deck in its new order. */
  moveColumn: command(moveColumnInput, 'manage').returns<Column[]>(),
  removeColumn: command(z.object({ columnId: columnIdSchema }).strict(), 'manage').returns<null>(),
  /** Newest first, filters and mutes applied; page with `beforeId` (the oldest id of the last page). */
  listColumnPosts: command(listColumnPostsInput, 'read').returns<PostView[]>(),
  /** DMs columns: the handle's conversations, newest activity first. */
  listDmConversations: command(listDmConversationsInput, 'read').returns<DmConversation[]>(),
  /** Moves the unread marker forward (never back); answers the column's new count. */
  markColumnRead: command(markColumnReadInput, 'read').returns<UnreadCount>(),
  setColumnScroll: command(setColumnScrollInput, 'read').returns<null>(),
  listColumnStatuses: command(none, 'read').returns<ColumnStatus[]>(),
  listUnreadCounts: command(none, 'read').returns<UnreadCount[]>(),
  /** Every post the column holds (not only the loaded ones), filters applied, newest first. */
  exportColumn: command(exportColumnInput, 'read').returns<ExportedFile>(),
  /** Full-text search over every stored post, across handles; the last word matches as a prefix. */
  searchArchive: command(searchArchiveInput, 'read').returns<PostView[]>(),
  getMuteList: command(none, 'read').returns<MuteList>(),
  setMuteList: command(muteListSchema, 'manage').returns<MuteList>(),
  replyToPost: command(
    z.object({ accountId: id, inReplyToPostId: id, text: replyText }).strict(),
    'reply',
  ).returns<{ id: string }>(),
} as const;

export const events = {
  /** New posts for a column, newest first; coalesced per column. */
  columnPosts: event<{ columnId: string; posts: PostView[] }>(),
  /** New DM events for a DMs column, newest first; coalesced per column. */
  columnDmEvents: event<{ columnId: string; events: DmEventView[] }>(),
  columnStatus: event<ColumnStatus>(),
  /** The whole deck, in order, after any change to a column's config or layout. */
  columnsChanged: event<Column[]>(),
  /** Counts of the columns whose unread count changed. */
  unreadCounts: event<UnreadCount[]>(),
  muteListChanged: event<MuteList>(),
  /** Every account, after one is connected, removed, or needs reconnecting. */
  accountsChanged: event<Account[]>(),
  accountConnectFinished: event<AccountConnectResult>(),
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
