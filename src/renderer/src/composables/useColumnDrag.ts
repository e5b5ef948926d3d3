// Reordering columns by dragging their header onto another column (HTML drag and drop). The
// keyboard does the same from the column menu or with Alt+←/→.
import { computed, shallowRef } from 'vue';
import { dropIndex } from '../logic/column-layout';
import { useDeckStore } from '../stores/deck';

const DRAG_TYPE = 'application/x-deckhand-column';
const dragging = shallowRef<string | null>(null);
const over = shallowRef<{ columnId: string; side: 'before' | 'after' } | null>(null);

export function useColumnDrag(columnId: () => string) {
  const deck = useDeckStore();
  const indexOf = (id: string) => deck.ordered.findIndex((column) => column.id === id);

  function onDragStart(event: DragEvent): void {
    if (!event.dataTransfer) return;
    dragging.value = columnId();
    event.dataTransfer.effectAllowed = 'move';
    event.dataTransfer.setData(DRAG_TYPE, columnId());
    event.dataTransfer.setData('text/plain', deck.byId.get(columnId())?.title ?? '');
  }

  function onDragOver(event: DragEvent): void {
    if (!dragging.value || !(event.currentTarget instanceof HTMLElement)) return;
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'move';
    const box = event.currentTarget.getBoundingClientRect();
    const side = event.clientX < box.left + box.width / 2 ? 'before' : 'after';
    if (over.value?.columnId !== columnId() || over.value.side !== side) over.value = { columnId: columnId(), side };
  }

  function onDragLeave(event: DragEvent): void {
    const next = event.relatedTarget;
    if (event.currentTarget instanceof HTMLElement && next instanceof Node && event.currentTarget.contains(next)) return;
    if (over.value?.columnId === columnId()) over.value = null;
  }

  function onDrop(event: DragEvent): void {
    const moving = dragging.value;
    const target = over.value;
    end();
    if (!moving || !target || moving === target.columnId) return;
    event.preventDefault();
    const from = indexOf(moving);
    const to = dropIndex(from, indexOf(target.columnId), target.side);
    if (from >= 0 && to !== from) void deck.moveColumn(moving, to);
  }

  function end(): void {
    dragging.value = null;
    over.value = null;
  }

  const dropSide = computed(() => (over.value?.columnId === columnId() && dragging.value !== columnId() ? over.value.side : null));
  const isDragging = computed(() => dragging.value === columnId());

  return { onDragStart, onDragOver, onDragLeave, onDrop, onDragEnd: end, dropSide, isDragging };
}
