// Every write to the deck: columns (add, edit, order, remove), reading positions and the mute
// list. Each commits in one transaction, then publishes what changed; the columns engine, the
// unread counter and the client projection act on the event, never on a call from here.
import { randomUUID } from 'node:crypto';
import type { Clock } from '../../../shared/clock';
import type { ParsedInput } from '../../../shared/contract';
import type { TimeRange } from '../../../shared/date-range';
import { DEFAULT_COLUMN_FILTERS, type Column, type ColumnSource, type MuteList, type SearchSpec } from '../../../shared/domain';
import { DeckhandError } from '../../../shared/errors';
import { buildSearchQuery, MAX_SEARCH_QUERY_LENGTH, searchRangeProblem, searchSpecProblem } from '../../../shared/query-builder';
import type { DomainEvents } from '../domain-events';
import * as deck from '../store/columns';
import type { Database } from '../store/database';
import { setMuteList } from '../store/mutes';
import { upsertAuthors } from '../store/posts';
import { getAccount } from '../store/accounts';
import { queueTitle } from '../../../shared/case-queues';
import { connectedAccount, type ActingAs } from '../x/acting-as';
import { USER_FIELDS } from '../x/client';
import { toDeckhandError } from '../x/errors';
import { normaliseAuthor } from '../x/normalize';

export interface DeckServiceDeps {
  db: Database;
  domain: DomainEvents;
  actingAs: ActingAs;
  /** Why X would refuse this search query, or null (when X can say without cost). */
  checkQuery(query: string): Promise<string | null>;
  /** A search column's dates are checked against X's 7 days at this clock's now. */
  clock: Clock;
}

export class DeckService {
  constructor(private readonly deps: DeckServiceDeps) {}

  async createColumn(input: ParsedInput<'createColumn'>): Promise<Column> {
    const { db } = this.deps;
    const account = connectedAccount(db, input.accountId);
    const { source, title } = await this.sourceFor(input, account.id, account.username);
    const column = db.transaction(() =>
      deck.insertColumn(db, {
        id: randomUUID(),
        accountId: account.id,
        title: input.title ?? title,
        ...(input.widthPx !== undefined ? { widthPx: input.widthPx } : {}),
        filters: { ...DEFAULT_COLUMN_FILTERS, ...input.filters },
        ...(input.notifications !== undefined ? { notifications: input.notifications } : {}),
        ...source,
      }),
    )();
    await this.deps.domain.publish({ type: 'columnAdded', column });
    return column;
  }

  /**
   * A column defined elsewhere keeps its id: the team's hub defines team columns, and its ingest
   * and every member's replica adopt them. Adopting a column twice changes nothing.
   */
  async adoptColumn(column: deck.NewColumn): Promise<Column> {
    const { db } = this.deps;
    const existing = deck.getColumn(db, column.id);
    if (existing) return existing;
    const adopted = db.transaction(() => deck.insertColumn(db, column))();
    await this.deps.domain.publish({ type: 'columnAdded', column: adopted });
    return adopted;
  }

  async updateColumn(input: ParsedInput<'updateColumn'>): Promise<Column> {
    const { db } = this.deps;
    const before = existingColumn(db, input.columnId);
    let source: ColumnSource | null = null;
    if (input.query !== undefined || input.builder !== undefined || input.range !== undefined) {
      if (before.kind !== 'search') throw new DeckhandError('invalid_input', 'Only search columns have an X query');
      const builder = input.builder === undefined ? before.builder : input.builder;
      const range = input.range === undefined ? before.range : input.range;
      // Dates kept as they were are not checked again: a window that has passed stays the column's.
      source = await this.searchSource(input.query ?? (input.builder ? undefined : before.query), builder, range, input.range !== undefined);
    }
    if (input.archiveQuery !== undefined) {
      if (before.kind !== 'archive') throw new DeckhandError('invalid_input', 'Only archive columns have an archive query');
      source = { kind: 'archive', query: input.archiveQuery };
    }
    const { after, sourceChanged } = db.transaction(() => {
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
      return { after: existingColumn(this.deps.db, before.id), sourceChanged: queryChanged };
    })();
    const change = { source: sourceChanged, filters: input.filters !== undefined, readMarker: sourceChanged, scroll: sourceChanged, settings: true };
    await this.deps.domain.publish({ type: 'columnChanged', column: after, change });
    return after;
  }

  async moveColumn(columnId: string, toIndex: number): Promise<Column[]> {
    const { db } = this.deps;
    const columns = db.transaction(() => {
      if (!deck.moveColumn(db, columnId, toIndex)) throw new DeckhandError('not_found', 'That column does not exist');
      return deck.listColumns(db);
    })();
    await this.deps.domain.publish({ type: 'columnsReordered', columns });
    return columns;
  }

  async removeColumn(columnId: string): Promise<void> {
    const { db } = this.deps;
    const column = db.transaction(() => {
      const existing = existingColumn(this.deps.db, columnId);
      deck.deleteColumn(db, columnId);
      return existing;
    })();
    await this.deps.domain.publish({ type: 'columnsRemoved', columns: [column] });
  }

  /** Moves the unread marker forward (never back). */
  async markRead(columnId: string, lastReadId: string): Promise<Column> {
    const column = this.deps.db.transaction(() => {
      existingColumn(this.deps.db, columnId);
      deck.markRead(this.deps.db, columnId, lastReadId);
      return existingColumn(this.deps.db, columnId);
    })();
    await this.deps.domain.publish({ type: 'columnChanged', column, change: { source: false, filters: false, readMarker: true, scroll: false, settings: false } });
    return column;
  }

  async setScroll(columnId: string, anchorPostId: string | null, offsetPx: number): Promise<void> {
    const column = this.deps.db.transaction(() => {
      existingColumn(this.deps.db, columnId);
      deck.setScroll(this.deps.db, columnId, anchorPostId, offsetPx);
      return existingColumn(this.deps.db, columnId);
    })();
    await this.deps.domain.publish({ type: 'columnChanged', column, change: { source: false, filters: false, readMarker: false, scroll: true, settings: false } });
  }

  async setMuteList(list: MuteList): Promise<MuteList> {
    const saved = setMuteList(this.deps.db, list);
    await this.deps.domain.publish({ type: 'muteListChanged', list: saved });
    return saved;
  }

  private async sourceFor(input: ParsedInput<'createColumn'>, accountId: string, username: string): Promise<{ source: ColumnSource; title: string }> {
    switch (input.kind) {
      case 'search': {
        const source = await this.searchSource(input.query, input.builder, input.range);
        return { source, title: `Search: ${source.query}` };
      }
      case 'mentions':
        return { source: { kind: 'mentions' }, title: `Mentions: @${username}` };
      case 'user': {
        const user = await this.lookUpUser(accountId, input.username);
        return { source: { kind: 'user', userId: user.id, username: user.username }, title: `User: @${user.username}` };
      }
      case 'dms':
        return { source: { kind: 'dms' }, title: `Direct messages: @${username}` };
      case 'archive':
        return { source: { kind: 'archive', query: input.query }, title: `Archive: ${input.query}` };
      case 'cases':
        if (!getAccount(this.deps.db, accountId)?.fromTeam) throw new DeckhandError('invalid_input', `Case queues are a team’s: @${username} is not one of your team’s handles.`);
        return { source: { kind: 'cases', queue: input.queue }, title: queueTitle(input.queue, `@${username}`, () => 'a colleague') };
      case 'approvals':
        if (!getAccount(this.deps.db, accountId)?.fromTeam) throw new DeckhandError('invalid_input', `Approvals are a team’s: @${username} is not one of your team’s handles.`);
        return { source: { kind: 'approvals' }, title: `Approvals: @${username}` };
      case 'scheduled':
        return { source: { kind: 'scheduled' }, title: `Scheduled: @${username}` };
    }
  }

  /** A search query X will take: typed, or built from the builder; checked by X when it can say. */
  private async searchSource(query: string | undefined, builder: SearchSpec | null | undefined, range?: TimeRange | null, checkRange = true): Promise<ColumnSource & { kind: 'search' }> {
    let text = query;
    if (text === undefined) {
      if (!builder) throw new DeckhandError('invalid_input', 'A search column needs a query or a query builder');
      const problem = searchSpecProblem(builder);
      if (problem) throw new DeckhandError('invalid_input', problem);
      text = buildSearchQuery(builder);
    }
    if (text.length > MAX_SEARCH_QUERY_LENGTH) throw new DeckhandError('invalid_input', `The query is ${text.length} characters; X allows at most ${MAX_SEARCH_QUERY_LENGTH}`);
    const rangeProblem = range && checkRange ? searchRangeProblem(range, this.deps.clock.now()) : null;
    if (rangeProblem) throw new DeckhandError('invalid_input', rangeProblem);
    const problem = await this.deps.checkQuery(text);
    if (problem) throw new DeckhandError('invalid_input', `X refused the query: ${problem}`);
    return { kind: 'search', query: text, builder: builder ?? null, ...(range ? { range } : {}) };
  }

  /** X's user for a User column, stored as an author so the column header can show it. */
  private async lookUpUser(accountId: string, username: string) {
    try {
      const answer = await this.deps.actingAs(accountId, (client) => client.v2.userByUsername(username, { 'user.fields': [...USER_FIELDS] }));
      const author = answer.data ? normaliseAuthor(answer.data) : null;
      if (!author) throw new DeckhandError('not_found', `X has no user @${username}`);
      upsertAuthors(this.deps.db, [author]);
      return author;
    } catch (error) {
      throw toDeckhandError(`X could not look up @${username}`, error);
    }
  }
}

/** The column, or the not_found every deck command answers for one that does not exist. */
export function existingColumn(db: Database, columnId: string): Column {
  const column = deck.getColumn(db, columnId);
  if (!column) throw new DeckhandError('not_found', 'That column does not exist');
  return column;
}

export function defaultTitle(source: ColumnSource): string | undefined {
  if (source.kind === 'search') return `Search: ${source.query}`;
  if (source.kind === 'archive') return `Archive: ${source.query}`;
  return undefined;
}
