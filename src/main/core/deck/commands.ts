// The deck's commands of the contract: writes through the deck service, reads from the store and
// the engine's read models. Spread into the core's handler map.
import { DeckhandError } from '../../../shared/errors';
import { columnSortOf } from '../../../shared/column-filters';
import type { Column } from '../../../shared/domain';
import { searchArchive } from '../archive/search';
import type { ColumnEngine } from '../feeds/engine';
import { exportPosts } from './export';
import type { Caller } from '../rpc/caller';
import type { CommandHandlers } from '../rpc/dispatcher';
import * as deck from '../store/columns';
import type { Database } from '../store/database';
import { listDmConversations } from '../store/dm-events';
import { getMuteList } from '../store/mutes';
import { iterateColumnPosts, listColumnPosts } from '../store/posts';
import { caseQueuePosts } from '../store/case-queues';
import { existingColumn, type DeckService } from './deck-service';

export type DeckCommandName =
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

export interface DeckCommandDeps {
  db: Database;
  service: DeckService;
  engine: ColumnEngine;
  now?: () => Date;
  /** This desktop's member in its team ("Assigned to me" columns); null when solo. */
  selfId?: () => string | null;
}

const ARCHIVE_EXPORT_LIMIT = 200;

export function deckCommands(deps: DeckCommandDeps): Pick<CommandHandlers, DeckCommandName> {
  const { db, service, engine } = deps;

  const existing = (columnId: string): Column => existingColumn(db, columnId);
  /** The columns this caller may view, in deck order. */
  const visibleColumns = (caller: Caller) =>
    deck.listColumns(db).filter((column) => caller.can('view', { kind: 'handle', accountId: column.accountId }));

  return {
    listColumns: (_input, caller) => visibleColumns(caller),
    listColumnStatuses: (_input, caller) => {
      const visible = new Set(visibleColumns(caller).map((column) => column.id));
      return engine.listStatuses().filter((status) => visible.has(status.columnId));
    },
    listUnreadCounts: (_input, caller) => visibleColumns(caller).map((column) => engine.unread.count(column)),

    createColumn: (input) => service.createColumn(input),
    updateColumn: (input) => service.updateColumn(input),
    moveColumn: ({ columnId, toIndex }) => service.moveColumn(columnId, toIndex),
    removeColumn: async ({ columnId }) => {
      await service.removeColumn(columnId);
      return null;
    },

    listColumnPosts: ({ columnId, limit, beforeId }) => {
      const column = existing(columnId);
      const predicate = engine.predicate(columnId);
      if (column.kind === 'dms') throw new DeckhandError('invalid_input', 'A direct-messages column lists conversations: use listDmConversations');
      if (column.kind === 'approvals') throw new DeckhandError('invalid_input', 'An approvals column lists replies waiting for approval: use listApprovals');
      if (column.kind === 'scheduled') throw new DeckhandError('invalid_input', 'A Scheduled column lists the handle’s outbox: use listOutbox');
      if (column.kind === 'archive') return searchArchive(db, column.query, { limit, ...(beforeId ? { beforeId } : {}), predicate });
      if (column.kind === 'cases') return caseQueuePosts(db, column.accountId, column.queue, deps.selfId?.() ?? null, { limit, beforeId, predicate });
      return listColumnPosts(db, columnId, limit, beforeId, predicate, columnSortOf(column));
    },

    listDmConversations: ({ columnId, limit }) => {
      const column = existing(columnId);
      if (column.kind !== 'dms') throw new DeckhandError('invalid_input', 'Only direct-messages columns list conversations');
      return listDmConversations(db, columnId, column.accountId, limit);
    },

    markColumnRead: async ({ columnId, lastReadId }) => engine.unread.count(await service.markRead(columnId, lastReadId)),

    setColumnScroll: async ({ columnId, anchorPostId, offsetPx }) => {
      await service.setScroll(columnId, anchorPostId, offsetPx);
      return null;
    },

    exportColumn: ({ columnId, format }) => {
      const column = existing(columnId);
      if (column.kind === 'dms' || column.kind === 'approvals' || column.kind === 'scheduled') throw new DeckhandError('invalid_input', 'Only a column of posts can be exported; this one lists direct messages, replies waiting for approval or the outbox');
      const predicate = engine.predicate(columnId);
      const posts =
        column.kind === 'archive'
          ? archivePages(db, column.query, predicate)
          : column.kind === 'cases'
            ? caseQueuePosts(db, column.accountId, column.queue, deps.selfId?.() ?? null, { limit: Number.MAX_SAFE_INTEGER, predicate })
            : (function* () {
              for (const post of iterateColumnPosts(db, columnId)) if (!predicate || predicate(post)) yield post;
            })();
      return exportPosts(posts, format, column.title, (deps.now ?? (() => new Date()))());
    },

    searchArchive: ({ query, limit, beforeId, accountId, range }) =>
      searchArchive(db, query, { limit, ...(beforeId ? { beforeId } : {}), ...(accountId ? { accountId } : {}), ...(range ? { range } : {}) }),

    getMuteList: () => getMuteList(db),
    setMuteList: (list) => service.setMuteList(list),
  };
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
