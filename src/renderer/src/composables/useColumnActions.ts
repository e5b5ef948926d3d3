// What a column's header, menu, handles and panels can do to it; failures are announced.
import type { Column, ColumnFilters } from '../../../shared/domain';
import type { Envelope } from '../../../shared/errors';
import { useDeckStore, type ColumnChanges } from '../stores/deck';
import { useNoticesStore } from '../stores/notices';
import { useNotificationsStore } from '../stores/notifications';
import { useTimelineStore } from '../stores/timeline';
import { useBridge } from '../bridge/bridge';
import { offerDownload } from './download';

export function useColumnActions(column: () => Column) {
  const { api } = useBridge();
  const deck = useDeckStore();
  const notices = useNoticesStore();
  const notifications = useNotificationsStore();
  const timeline = useTimelineStore();

  /** True when the core took the change; otherwise the agent is told why. */
  async function change(changes: ColumnChanges, failure: string): Promise<boolean> {
    const result = await deck.updateColumn(column().id, changes);
    if (!result.ok) notices.announce(`${failure}: ${result.error.message}`);
    return result.ok;
  }

  const announceFailure = <T>(result: Envelope<T> | null, failure: string) => {
    if (result && !result.ok) notices.announce(`${failure}: ${result.error.message}`);
  };

  return {
    rename: (title: string) => change({ title }, 'The column could not be renamed'),
    setWidth: (widthPx: number) => change({ widthPx }, 'The column could not be resized'),
    toggleCollapsed: () => change({ collapsed: !column().collapsed }, 'The column could not be collapsed'),

    async toggleNotifications(): Promise<void> {
      const on = !column().notifications;
      if (!(await change({ notifications: on }, 'Notifications could not be changed'))) return;
      notices.announce(on ? `Desktop notifications on for ${column().title}` : `Desktop notifications off for ${column().title}`);
      if (on) await notifications.askIfNeeded();
    },

    /** Filters hide and show posts at once: the column is listed again under the new filters. */
    async setFilters(filters: ColumnFilters): Promise<boolean> {
      const ok = await change({ filters }, 'The filters could not be saved');
      if (ok) await timeline.reload(column().id);
      return ok;
    },

    async move(direction: -1 | 1): Promise<void> {
      announceFailure(await deck.moveColumnBy(column().id, direction), 'The column could not be moved');
    },

    async exportAs(format: 'csv' | 'json'): Promise<void> {
      const result = await api.exportColumn({ columnId: column().id, format });
      if (!result.ok) {
        notices.announce(`The export failed: ${result.error.message}`);
        return;
      }
      const name = offerDownload(result.value);
      notices.announce(`Exported ${result.value.rows} post${result.value.rows === 1 ? '' : 's'} to ${name}`);
    },

    async remove(): Promise<void> {
      const title = column().title;
      const result = await deck.removeColumn(column().id);
      if (result.ok) notices.announce(`Removed the column ${title}`);
      else announceFailure(result, 'The column could not be removed');
    },
  };
}

export type ColumnActions = ReturnType<typeof useColumnActions>;
