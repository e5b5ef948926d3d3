// The column (deck) commands of the contract. Spread into the core's handler map.
import { randomUUID } from 'node:crypto';
import { DEFAULT_COLUMN_FILTERS, type Column, type ColumnSource, type SearchSpec, type UnreadCount } from '../../../shared/domain';
import { DeckhandError } from '../../../shared/errors';
import { buildSearchQuery, searchSpecProblem, MAX_SEARCH_QUERY_LENGTH } from '../../../shared/query-builder';
import { searchArchive } from '../archive/search';
import type { EventBus } from '../events';
import type { CommandHandlers } from '../rpc/dispatcher';
import { getAccount } from '../store/accounts';
import * as deck from '../store/columns';
import type { Database } from '../store/database';
import { listDmConversations } from '../store/dm-events';
import { getMuteList, setMuteList } from '../store/mutes';
import { iterateColumnPosts, listColumnPosts, upsertAuthors } from '../store/posts';
import type { XClientFactory } from '../x/client';
import { USER_FIELDS } from '../x/client';
import { toDeckhandError } from '../x/errors';
import { normaliseAuthor } from '../x/normalize';
import type { ColumnEngine } from './engine';
import { exportPosts } from './export';

export type ColumnCommandName =
  | 'listColumns'
  | 'createColumn'
  | 'updateColumn'
  | 'moveColumn'
  | 'removeColumn'
  | 'listColumnPosts'
  | 'listDmConversations'
  | 'markColumnRead'
  | 'setColumnScroll'
  | 'listColumnStatuses'
  | 'listUnreadCounts'
  | 'exportColumn'
  | 'searchArchive'
  | 'getMuteList'
  | 'setMuteList';

export interface ColumnHandlerDeps {
  db: Database;
  events: EventBus;
  engine: ColumnEngine;
  x: XClientFactory;
  userToken(accountId: string): Promise<string | null>;
  now?: () => Date;
}

const ARCHIVE_EXPORT_LIMIT = 200;

export function columnHandlers(deps: ColumnHandlerDeps): Pick<CommandHandlers, ColumnCommandName> {
  const { db, events, engine } = deps;
  const announce = () => events.emit('columnsChanged', deck.listColumns(db));

  const existing = (columnId: string): Column => {
    const column = deck.getColumn(db, columnId);
    if (!column) throw new DeckhandError('not_found', 'That column does not exist');
    return column;
  };

  const connectedAccount = (accountId: string) => {
    const account = getAccount(db, accountId);
    if (!account) throw new DeckhandError('not_found', 'That account is not connected to this workspace');
    if (account.status !== 'connected') throw new DeckhandError('conflict', `@${account.username} needs to be reconnected first`);
    return account;
  };

  /** A search query X will take: typed, or built from the builder; checked by X when it can say. */
  const searchSource = async (query: string | undefined, builder: SearchSpec | null | undefined): Promise<ColumnSource & { kind: 'search' }> => {
    if (query === undefined) {
      if (!builder) throw new DeckhandError('invalid_input', 'A search column needs a query or a query builder');
      const problem = searchSpecProblem(builder);
      if (problem) throw new DeckhandError('invalid_input', problem);
    }
    const text = query ?? buildSearchQuery(builder!);
    if (text.length > MAX_SEARCH_QUERY_LENGTH) throw new DeckhandError('invalid_input', `The query is ${text.length} characters; X allows at most ${MAX_SEARCH_QUERY_LENGTH}`);
    const problem = await engine.checkQuery(text);
    if (problem) throw new DeckhandError('invalid_input', `X refused the query: ${problem}`);
    return { kind: 'search', query: text, builder: builder ?? null };
  };

  /** X's user for a User column, stored as an author so the column header can show it. */
  const lookUpUser = async (accountId: string, username: string) => {
    const token = await deps.userToken(accountId);
    if (!token) throw new DeckhandError('conflict', 'This handle has no access token; reconnect it in Accounts');
    try {
      const answer = await deps.x.withToken(token).v2.userByUsername(username, { 'user.fields': [...USER_FIELDS] });
      const author = answer.data ? normaliseAuthor(answer.data) : null;
      if (!author) throw new DeckhandError('not_found', `X has no user @${username}`);
      upsertAuthors(db, [author]);
      return author;
    } catch (error) {
      if (error instanceof DeckhandError) throw error;
      throw toDeckhandError(`X could not look up @${username}`, error);
    }
  };

  const unreadOf = (column: Column): UnreadCount => engine.unread.count(column);

  return {
    listColumns: () => deck.listColumns(db),
    listColumnStatuses: () => engine.listStatuses(),
    listUnreadCounts: () => deck.listColumns(db).map(unreadOf),

    createColumn: async (input) => {
      const account = connectedAccount(input.accountId);
      let source: ColumnSource;
      let title: string;
      switch (input.kind) {
        case 'search': {
          const search = await searchSource(input.query, input.builder);
          source = search;
          title = `Search: ${search.query}`;
          break;
        }
        case 'mentions':
          source = { kind: 'mentions' };
          title = `Mentions: @${account.username}`;
          break;
        case 'user': {
          const user = await lookUpUser(account.id, input.username);
          source = { kind: 'user', userId: user.id, username: user.username };
          title = `User: @${user.username}`;
          break;
        }
        case 'dms':
          source = { kind: 'dms' };
          title = `Direct messages: @${account.username}`;
          break;
        case 'archive':
          source = { kind: 'archive', query: input.query };
          title = `Archive: ${input.query}`;
          break;
      }
      const column = deck.insertColumn(db, {
        id: randomUUID(),
        accountId: account.id,
        title: input.title ?? title,
        ...(input.widthPx !== undefined ? { widthPx: input.widthPx } : {}),
        filters: { ...DEFAULT_COLUMN_FILTERS, ...input.filters },
        ...(input.notifications !== undefined ? { notifications: input.notifications } : {}),
        ...source,
      });
      announce();
      await engine.add(column);
      return column;
    },

    updateColumn: async (input) => {
      const before = existing(input.columnId);
      let source: ColumnSource | null = null;
      if (input.query !== undefined || input.builder !== undefined) {
        if (before.kind !== 'search') throw new DeckhandError('invalid_input', 'Only search columns have an X query');
        const builder = input.builder === undefined ? before.builder : input.builder;
        source = await searchSource(input.query ?? (input.builder ? undefined : before.query), builder);
      }
      if (input.archiveQuery !== undefined) {
        if (before.kind !== 'archive') throw new DeckhandError('invalid_input', 'Only archive columns have an archive query');
        source = { kind: 'archive', query: input.archiveQuery };
      }
      const queryChanged = source ? deck.replaceColumnSource(db, before.id, source).queryChanged : false;
      // A title the user never changed follows the query.
      const title = input.title ?? (queryChanged && source && before.title === defaultTitle(before) ? defaultTitle(source) : undefined);
      deck.updateColumnSettings(db, before.id, {
        ...(title !== undefined ? { title } : {}),
        ...(input.widthPx !== undefined ? { widthPx: input.widthPx } : {}),
        ...(input.collapsed !== undefined ? { collapsed: input.collapsed } : {}),
        ...(input.filters !== undefined ? { filters: { ...before.filters, ...input.filters } } : {}),
        ...(input.notifications !== undefined ? { notifications: input.notifications } : {}),
      });
      const after = existing(before.id);
      await engine.update(after, queryChanged);
      if (queryChanged || input.filters !== undefined) engine.unread.recount(after);
      announce();
      return after;
    },

    moveColumn: ({ columnId, toIndex }) => {
      if (!deck.moveColumn(db, columnId, toIndex)) throw new DeckhandError('not_found', 'That column does not exist');
      const columns = deck.listColumns(db);
      for (const column of columns) void engine.update(column, false);
      events.emit('columnsChanged', columns);
      return columns;
    },

    removeColumn: async ({ columnId }) => {
      if (!deck.deleteColumn(db, columnId)) throw new DeckhandError('not_found', 'That column does not exist');
      announce();
      await engine.remove(columnId);
      return null;
    },

    listColumnPosts: ({ columnId, limit, beforeId }) => {
      const column = existing(columnId);
      const predicate = engine.predicate(columnId);
      if (column.kind === 'dms') throw new DeckhandError('invalid_input', 'A direct-messages column lists conversations: use listDmConversations');
      if (column.kind === 'archive') return searchArchive(db, column.query, { limit, ...(beforeId ? { beforeId } : {}), predicate });
      return listColumnPosts(db, columnId, limit, beforeId, predicate);
    },

    listDmConversations: ({ columnId, limit }) => {
      const column = existing(columnId);
      if (column.kind !== 'dms') throw new DeckhandError('invalid_input', 'Only direct-messages columns list conversations');
      return listDmConversations(db, columnId, column.accountId, limit);
    },

    markColumnRead: async ({ columnId, lastReadId }) => {
      existing(columnId);
      deck.markRead(db, columnId, lastReadId);
      const column = existing(columnId);
      await engine.update(column, false);
      return engine.unread.recount(column);
    },

    setColumnScroll: async ({ columnId, anchorPostId, offsetPx }) => {
      existing(columnId);
      deck.setScroll(db, columnId, anchorPostId, offsetPx);
      await engine.update(existing(columnId), false);
      return null;
    },

    exportColumn: ({ columnId, format }) => {
      const column = existing(columnId);
      if (column.kind === 'dms') throw new DeckhandError('invalid_input', 'Direct messages cannot be exported here; export a post column');
      const predicate = engine.predicate(columnId);
      const posts =
        column.kind === 'archive'
          ? archivePages(db, column.query, predicate)
          : (function* () {
              for (const post of iterateColumnPosts(db, columnId)) if (!predicate || predicate(post)) yield post;
            })();
      return exportPosts(posts, format, column.title, (deps.now ?? (() => new Date()))());
    },

    searchArchive: ({ query, limit, beforeId, accountId }) =>
      searchArchive(db, query, { limit, ...(beforeId ? { beforeId } : {}), ...(accountId ? { accountId } : {}) }),

    getMuteList: () => getMuteList(db),

    setMuteList: (list) => {
      const saved = setMuteList(db, list);
      engine.filters.reloadMutes();
      for (const column of deck.listColumns(db)) engine.unread.recount(column);
      events.emit('muteListChanged', saved);
      return saved;
    },
  };
}

function defaultTitle(source: ColumnSource): string | undefined {
  if (source.kind === 'search') return `Search: ${source.query}`;
  if (source.kind === 'archive') return `Archive: ${source.query}`;
  return undefined;
}

/** Every match of an archive query, page by page (newest first). */
function* archivePages(db: Database, query: string, predicate: ReturnType<ColumnEngine['predicate']>) {
  let beforeId: string | undefined;
  for (;;) {
    const page = searchArchive(db, query, { limit: ARCHIVE_EXPORT_LIMIT, ...(beforeId ? { beforeId } : {}), predicate });
    yield* page;
    if (page.length < ARCHIVE_EXPORT_LIMIT) return;
    beforeId = page[page.length - 1]!.id;
  }
}
