// The deck: which columns exist, in which order, their layout and settings, and what each one's
// source is doing. Every change goes to the core, whose answer (and `columnsChanged`) is the truth.
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { CommandInput } from '../../../shared/contract';
import type { Column, ColumnStatus, ScrollPosition } from '../../../shared/domain';
import type { Envelope } from '../../../shared/errors';
import { useBridge } from '../bridge/bridge';
import { moveTargetIndex } from '../logic/column-layout';
import { useUnreadStore } from './unread';

export type ColumnChanges = Omit<CommandInput<'updateColumn'>, 'columnId'>;

export const useDeckStore = defineStore('deck', () => {
  const { api } = useBridge();
  const unread = useUnreadStore();
  const columns = ref<Column[]>([]);
  const statuses = ref<Record<string, ColumnStatus>>({});
  const loaded = ref(false);

  const ordered = computed(() => [...columns.value].sort((a, b) => a.position - b.position));
  const byId = computed(() => new Map(columns.value.map((column) => [column.id, column])));

  function receiveColumns(list: Column[]): void {
    columns.value = list;
    const kept = new Set(list.map((column) => column.id));
    statuses.value = Object.fromEntries(Object.entries(statuses.value).filter(([id]) => kept.has(id)));
  }

  function receiveColumn(column: Column): void {
    const exists = byId.value.has(column.id);
    columns.value = exists ? columns.value.map((each) => (each.id === column.id ? column : each)) : [...columns.value, column];
  }

  /** A status may come before the column list that names its column; it is kept either way. */
  function receiveStatus(status: ColumnStatus): void {
    statuses.value = { ...statuses.value, [status.columnId]: status };
  }

  /** Returns why the deck could not be loaded, or null. */
  async function load(): Promise<string | null> {
    const [list, states] = await Promise.all([api.listColumns({}), api.listColumnStatuses({})]);
    if (!list.ok) return list.error.message;
    receiveColumns(list.value);
    if (states.ok) for (const status of states.value) receiveStatus(status);
    loaded.value = true;
    return states.ok ? null : states.error.message;
  }

  async function createColumn(input: CommandInput<'createColumn'>): Promise<Envelope<Column>> {
    const result = await api.createColumn(input);
    if (result.ok && !byId.value.has(result.value.id)) receiveColumn(result.value);
    return result;
  }

  async function updateColumn(columnId: string, changes: ColumnChanges): Promise<Envelope<Column>> {
    const result = await api.updateColumn({ columnId, ...changes });
    if (result.ok) receiveColumn(result.value);
    return result;
  }

  async function removeColumn(columnId: string): Promise<Envelope<null>> {
    const result = await api.removeColumn({ columnId });
    if (result.ok) receiveColumns(columns.value.filter((column) => column.id !== columnId));
    return result;
  }

  /** Moves a column to `toIndex`; the deck shows the new order at once and the core's answer settles it. */
  async function moveColumn(columnId: string, toIndex: number): Promise<Envelope<Column[]>> {
    const order = ordered.value.filter((column) => column.id !== columnId);
    const moving = byId.value.get(columnId);
    if (moving) {
      order.splice(Math.min(toIndex, order.length), 0, moving);
      columns.value = order.map((column, position) => (column.position === position ? column : { ...column, position }));
    }
    const result = await api.moveColumn({ columnId, toIndex });
    if (result.ok) receiveColumns(result.value);
    return result;
  }

  /** One step left or right; null when the column is already at that end. */
  function moveColumnBy(columnId: string, direction: -1 | 1): Promise<Envelope<Column[]>> | null {
    const index = ordered.value.findIndex((column) => column.id === columnId);
    const target = moveTargetIndex(index, direction, ordered.value.length);
    return target === null ? null : moveColumn(columnId, target);
  }

  /** Changes a column here only (its reading position, which the core stores but does not announce). */
  function patchLocally(columnId: string, change: Partial<Pick<Column, 'scroll' | 'lastReadId'>>): void {
    const column = byId.value.get(columnId);
    if (column) receiveColumn({ ...column, ...change });
  }

  /** Where the agent is in the column, so it opens there after a restart. */
  async function saveScroll(columnId: string, scroll: ScrollPosition): Promise<void> {
    patchLocally(columnId, { scroll });
    await api.setColumnScroll({ columnId, ...scroll });
  }

  /** Moves the column's read marker forward; the answer is the column's new unread count. */
  async function markRead(columnId: string, lastReadId: string): Promise<void> {
    patchLocally(columnId, { lastReadId });
    const result = await api.markColumnRead({ columnId, lastReadId });
    if (result.ok) unread.receive([result.value]);
  }

  return {
    columns,
    statuses,
    loaded,
    ordered,
    byId,
    receiveColumns,
    receiveColumn,
    receiveStatus,
    load,
    createColumn,
    updateColumn,
    removeColumn,
    moveColumn,
    moveColumnBy,
    saveScroll,
    markRead,
  };
});
