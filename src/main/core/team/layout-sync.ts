// A member's layout and reading position of each team column are theirs alone and follow them to
// every desktop of theirs: what changes here (width, collapse, filters, notifications, order, the
// read marker, the scroll position) goes to the hub as setColumnLayout, and what another desktop
// of the same member changed comes back through the log and is applied here. `known` holds what
// the hub has, as far as this desktop knows, so a change applied from the hub is not sent back.
import type { Column } from '../../../shared/domain';
import { DeckhandError } from '../../../shared/errors';
import type { ColumnLayoutPatch } from '../../../shared/hub-intents';
import type { DeckService } from '../deck/deck-service';
import type { DomainEvents } from '../domain-events';
import type { Logger } from '../ports';
import { getColumn } from '../store/columns';
import type { Database } from '../store/database';

export interface LayoutSyncDeps {
  db: Database;
  domain: DomainEvents;
  deck: DeckService;
  logger: Logger;
  /** Sends one column's change to the hub; DeckhandError 'unavailable' while it is out of reach. */
  push(args: { handleId: string; columnId: string; layout: ColumnLayoutPatch }): Promise<void>;
}

/** A column's layout as the hub keeps it. */
export function layoutOf(column: Column): Required<ColumnLayoutPatch> {
  return {
    position: column.position,
    widthPx: column.widthPx,
    collapsed: column.collapsed,
    notifications: column.notifications,
    filters: column.filters,
    lastReadId: column.lastReadId,
    scroll: column.scroll,
  };
}

/** The fields of `next` that differ from `known`. */
export function layoutChanges(next: ColumnLayoutPatch, known: ColumnLayoutPatch): ColumnLayoutPatch {
  const changes: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(next)) {
    if (value === undefined) continue;
    if (JSON.stringify(value) !== JSON.stringify(known[key as keyof ColumnLayoutPatch])) changes[key] = value;
  }
  return changes as ColumnLayoutPatch;
}

export class LayoutSync {
  private readonly known = new Map<string, ColumnLayoutPatch>();
  /** Changes made while the hub was out of reach, per column, sent on reconnect. */
  private readonly unsent = new Map<string, { handleId: string; layout: ColumnLayoutPatch }>();
  private readonly unsubscribe: () => void;

  constructor(private readonly deps: LayoutSyncDeps) {
    const subscriptions = [
      deps.domain.on('columnChanged', ({ column, change }) => (change.source ? undefined : this.changed(column))),
      deps.domain.on('columnsReordered', async ({ columns }) => {
        for (const column of columns) await this.changed(column, ['position']);
      }),
    ];
    this.unsubscribe = () => subscriptions.forEach((stop) => stop());
  }

  /** This member's layout of a column as the hub has it (a snapshot, or another desktop's change): applied here. */
  async apply(columnId: string, layout: ColumnLayoutPatch): Promise<void> {
    this.known.set(columnId, { ...this.known.get(columnId), ...layout });
    const column = getColumn(this.deps.db, columnId);
    if (!column?.fromTeam) return;
    const changes = layoutChanges(layout, layoutOf(column));
    const { deck } = this.deps;
    const { position, lastReadId, scroll, widthPx, collapsed, notifications, filters } = changes;
    if (widthPx !== undefined || collapsed !== undefined || notifications !== undefined || filters !== undefined) {
      await deck.updateColumn({ columnId, ...(widthPx !== undefined ? { widthPx } : {}), ...(collapsed !== undefined ? { collapsed } : {}), ...(notifications !== undefined ? { notifications } : {}), ...(filters ? { filters } : {}) });
    }
    if (lastReadId) await deck.markRead(columnId, lastReadId);
    if (scroll) await deck.setScroll(columnId, scroll.anchorPostId, scroll.offsetPx);
    if (position !== undefined) await deck.moveColumn(columnId, position).catch(() => undefined);
  }

  /** Sends what changed while the hub was out of reach. */
  async flush(): Promise<void> {
    for (const [columnId, { handleId, layout }] of [...this.unsent]) {
      this.unsent.delete(columnId);
      await this.send(handleId, columnId, layout);
    }
  }

  /** Leaving the team: nothing is known of its layouts any more. */
  clear(): void {
    this.known.clear();
    this.unsent.clear();
  }

  close(): void {
    this.unsubscribe();
  }

  private async changed(column: Column, only?: (keyof ColumnLayoutPatch)[]): Promise<void> {
    if (!column.fromTeam) return;
    const current = layoutOf(column);
    const candidate: ColumnLayoutPatch = only ? Object.fromEntries(only.map((key) => [key, current[key]])) : current;
    const changes = layoutChanges(candidate, this.known.get(column.id) ?? {});
    if (Object.keys(changes).length === 0) return;
    this.known.set(column.id, { ...this.known.get(column.id), ...changes });
    await this.send(column.accountId, column.id, changes);
  }

  private async send(handleId: string, columnId: string, layout: ColumnLayoutPatch): Promise<void> {
    try {
      await this.deps.push({ handleId, columnId, layout });
    } catch (error) {
      if (error instanceof DeckhandError && error.code === 'unavailable') {
        const waiting = this.unsent.get(columnId);
        this.unsent.set(columnId, { handleId, layout: { ...waiting?.layout, ...layout } });
        return;
      }
      this.deps.logger.warn('team layout: the hub did not take a change', { columnId, error: error instanceof Error ? error.message : String(error) });
    }
  }
}
