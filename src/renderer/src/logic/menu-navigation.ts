// Keyboard movement inside a role="menu" (WAI-ARIA menu pattern): arrows wrap, Home / End jump,
// a printable key moves to the next item starting with that letter.

export type MenuMove = { kind: 'focus'; index: number } | { kind: 'close' } | { kind: 'activate' } | null;

export function menuKey(key: string, current: number, labels: readonly string[]): MenuMove {
  const count = labels.length;
  if (count === 0) return key === 'Escape' || key === 'Tab' ? { kind: 'close' } : null;
  switch (key) {
    case 'ArrowDown':
      return { kind: 'focus', index: current < 0 ? 0 : (current + 1) % count };
    case 'ArrowUp':
      return { kind: 'focus', index: current < 0 ? count - 1 : (current - 1 + count) % count };
    case 'Home':
      return { kind: 'focus', index: 0 };
    case 'End':
      return { kind: 'focus', index: count - 1 };
    case 'Escape':
    case 'Tab':
      return { kind: 'close' };
    case 'Enter':
    case ' ':
      return current >= 0 ? { kind: 'activate' } : null;
  }
  if (key.length === 1 && /\S/u.test(key)) {
    const letter = key.toLowerCase();
    for (let step = 1; step <= count; step++) {
      const index = (current + step + count) % count;
      if (labels[index]!.trim().toLowerCase().startsWith(letter)) return { kind: 'focus', index };
    }
  }
  return null;
}

export interface MenuItem {
  id: string;
  label: string;
  disabled?: boolean;
  /** For toggles: shown as a menuitemcheckbox. */
  checked?: boolean;
  danger?: boolean;
  separatorBefore?: boolean;
  /** More about the item, e.g. why it is disabled: its tooltip and accessible description. */
  hint?: string;
}
