// The deck's keyboard shortcuts (logic/shortcuts.ts has the table): installed once by the app.
import { nextTick, onBeforeUnmount, onMounted } from 'vue';
import { isTypingTarget, resolveShortcut, type ShortcutAction } from '../logic/shortcuts';
import { useAccountsStore } from '../stores/accounts';
import { useCasesStore } from '../stores/cases';
import { useComposeStore } from '../stores/compose';
import { useDeckStore } from '../stores/deck';
import { useNoticesStore } from '../stores/notices';
import { useAddColumnDialog } from './useAddColumnDialog';
import { activeColumnId, columnElement, navigatorOf } from './useDeckNavigation';
import { useShortcutsDialog } from './useShortcutsDialog';

export const ARCHIVE_SEARCH_ID = 'archive-search';

function typingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return isTypingTarget(target.tagName, target.getAttribute('type'), target.isContentEditable);
}

/** Keys are for the deck only: not while a modal dialog or a menu has the keyboard. */
function deckHasKeyboard(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return true;
  return !target.closest('dialog[open], [role="menu"]') && !document.querySelector('dialog[open]');
}

/** A button of the post's case on its card, by its name ("Assign", "Snooze", "Add tag", "Notes"). */
function caseButton(columnId: string, postId: string, name: string): HTMLButtonElement | null {
  const card = columnElement(columnId)?.querySelector(`[data-post-id="${CSS.escape(postId)}"]`);
  const buttons = card ? [...card.querySelectorAll<HTMLButtonElement>('button')] : [];
  return buttons.find((button) => (button.getAttribute('aria-label') ?? button.textContent ?? '').trim() === name) ?? null;
}

export function useDeckShortcuts(): void {
  const deck = useDeckStore();
  const compose = useComposeStore();
  const cases = useCasesStore();
  const accounts = useAccountsStore();
  const notices = useNoticesStore();
  const addColumn = useAddColumnDialog();
  const shortcuts = useShortcutsDialog();

  const columnIds = () => deck.ordered.map((column) => column.id);
  const currentColumn = () => activeColumnId(columnIds()) ?? (deck.ordered.find((column) => !column.collapsed)?.id ?? null);

  /** The focused post of the active column, when it is a team handle's (a case). */
  function focusedCase() {
    const columnId = activeColumnId(columnIds());
    const post = columnId ? navigatorOf(columnId)?.focusedPost() : null;
    const handleId = columnId ? deck.byId.get(columnId)?.accountId : undefined;
    if (!columnId || !post || !handleId || !accounts.byId.get(handleId)?.fromTeam) return null;
    return { columnId, post, handleId };
  }

  function run(action: ShortcutAction): boolean {
    switch (action.kind) {
      case 'nextPost':
      case 'previousPost': {
        const columnId = currentColumn();
        const navigator = columnId ? navigatorOf(columnId) : undefined;
        navigator?.step(action.kind === 'nextPost' ? 1 : -1);
        return navigator !== undefined;
      }
      case 'reply': {
        const columnId = activeColumnId(columnIds());
        const post = columnId ? navigatorOf(columnId)?.focusedPost() : null;
        if (!post) return false;
        compose.startReply(post, deck.byId.get(columnId!) ?? null);
        return true;
      }
      case 'claim': {
        const focused = focusedCase();
        if (!focused) return false;
        void cases.assign(focused.handleId, focused.post.id, 'me').then((problem) => notices.announce(problem ?? 'Assigned to you'));
        return true;
      }
      case 'resolve': {
        const focused = focusedCase();
        if (!focused) return false;
        void cases.setStatus(focused.handleId, focused.post.id, 'resolved').then((problem) => notices.announce(problem ?? 'Case resolved'));
        return true;
      }
      case 'caseMenu':
      case 'note': {
        const focused = focusedCase();
        const button = focused ? caseButton(focused.columnId, focused.post.id, action.kind === 'note' ? 'Notes' : action.button) : null;
        if (!button) return false;
        if (action.kind === 'caseMenu' || button.getAttribute('aria-expanded') !== 'true') button.click();
        if (action.kind === 'note') void nextTick(() => button.closest('article')?.querySelector<HTMLElement>('textarea, input[type="text"]')?.focus());
        return true;
      }
      case 'addColumn':
        addColumn.show();
        return true;
      case 'focusColumn': {
        const column = deck.ordered[action.index];
        if (!column) return false;
        if (!navigatorOf(column.id)?.focusFirst()) columnElement(column.id)?.focus();
        columnElement(column.id)?.scrollIntoView({ inline: 'nearest', block: 'nearest' });
        return true;
      }
      case 'searchArchive':
        document.getElementById(ARCHIVE_SEARCH_ID)?.focus();
        return true;
      case 'showShortcuts':
        shortcuts.show();
        return true;
      case 'moveColumn': {
        const columnId = activeColumnId(columnIds());
        if (!columnId) return false;
        const focused = document.activeElement instanceof HTMLElement ? document.activeElement : null;
        void deck.moveColumnBy(columnId, action.direction)?.then(() => nextTick(() => focused?.isConnected && focused.focus()));
        void nextTick(() => focused?.isConnected && document.activeElement !== focused && focused.focus());
        return true;
      }
    }
  }

  function onKeydown(event: KeyboardEvent): void {
    if (event.defaultPrevented || event.isComposing || !deckHasKeyboard(event.target)) return;
    const action = resolveShortcut({ key: event.key, altKey: event.altKey, ctrlKey: event.ctrlKey, metaKey: event.metaKey, typing: typingIn(event.target) });
    if (action && run(action)) event.preventDefault();
  }

  onMounted(() => window.addEventListener('keydown', onKeydown));
  onBeforeUnmount(() => window.removeEventListener('keydown', onKeydown));
}
