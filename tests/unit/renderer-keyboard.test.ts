import { describe, expect, it } from 'vitest';
import { menuKey } from '../../src/renderer/src/logic/menu-navigation';
import { isTypingTarget, resolveShortcut, SHORTCUT_HELP, stepIndex, type KeyInput } from '../../src/renderer/src/logic/shortcuts';

const key = (k: string, extra: Partial<KeyInput> = {}): KeyInput => ({ key: k, altKey: false, ctrlKey: false, metaKey: false, typing: false, ...extra });

describe('shortcut map', () => {
  it('maps the deck keys to their actions', () => {
    expect(resolveShortcut(key('j'))).toEqual({ kind: 'nextPost' });
    expect(resolveShortcut(key('k'))).toEqual({ kind: 'previousPost' });
    expect(resolveShortcut(key('r'))).toEqual({ kind: 'reply' });
    expect(resolveShortcut(key('c'))).toEqual({ kind: 'claim' });
    expect(resolveShortcut(key('m'))).toEqual({ kind: 'caseMenu', button: 'Assign' });
    expect(resolveShortcut(key('e'))).toEqual({ kind: 'resolve' });
    expect(resolveShortcut(key('s'))).toEqual({ kind: 'caseMenu', button: 'Snooze' });
    expect(resolveShortcut(key('n'))).toEqual({ kind: 'note' });
    expect(resolveShortcut(key('t'))).toEqual({ kind: 'caseMenu', button: 'Add tag' });
    expect(resolveShortcut(key('a'))).toEqual({ kind: 'addColumn' });
    expect(resolveShortcut(key('/'))).toEqual({ kind: 'searchArchive' });
    expect(resolveShortcut(key('?'))).toEqual({ kind: 'showShortcuts' });
  });

  it('lists every case key in the ? dialog', () => {
    const listed = SHORTCUT_HELP.map((help) => help.keys.join('+'));
    for (const caseKey of ['c', 'm', 'e', 's', 'n', 't']) expect(listed).toContain(caseKey);
  });

  it('maps 1 to 9 to the columns, 0 to nothing', () => {
    expect(resolveShortcut(key('1'))).toEqual({ kind: 'focusColumn', index: 0 });
    expect(resolveShortcut(key('9'))).toEqual({ kind: 'focusColumn', index: 8 });
    expect(resolveShortcut(key('0'))).toBeNull();
  });

  it('moves columns with Alt and the arrows', () => {
    expect(resolveShortcut(key('ArrowLeft', { altKey: true }))).toEqual({ kind: 'moveColumn', direction: -1 });
    expect(resolveShortcut(key('ArrowRight', { altKey: true }))).toEqual({ kind: 'moveColumn', direction: 1 });
    expect(resolveShortcut(key('ArrowRight'))).toBeNull();
    expect(resolveShortcut(key('j', { altKey: true }))).toBeNull();
  });

  it('leaves keys alone while typing or with Ctrl / Cmd (the browser and fields keep them)', () => {
    for (const k of ['j', 'k', 'r', 'a', '/', '?', '1']) {
      expect(resolveShortcut(key(k, { typing: true }))).toBeNull();
      expect(resolveShortcut(key(k, { ctrlKey: true }))).toBeNull();
      expect(resolveShortcut(key(k, { metaKey: true }))).toBeNull();
    }
    expect(resolveShortcut(key('ArrowLeft', { altKey: true, typing: true }))).toBeNull();
  });

  it('knows which elements take typed text', () => {
    expect(isTypingTarget('INPUT', 'text', false)).toBe(true);
    expect(isTypingTarget('INPUT', 'search', false)).toBe(true);
    expect(isTypingTarget('INPUT', null, false)).toBe(true);
    expect(isTypingTarget('TEXTAREA', null, false)).toBe(true);
    expect(isTypingTarget('SELECT', null, false)).toBe(true);
    expect(isTypingTarget('DIV', null, true)).toBe(true);
    expect(isTypingTarget('INPUT', 'checkbox', false)).toBe(false);
    expect(isTypingTarget('INPUT', 'radio', false)).toBe(false);
    expect(isTypingTarget('BUTTON', null, false)).toBe(false);
    expect(isTypingTarget('ARTICLE', null, false)).toBe(false);
  });

  it('lists every key it handles in the help dialog', () => {
    const listed = SHORTCUT_HELP.flatMap((help) => help.keys);
    for (const k of ['j', 'k', 'r', 'a', '/', '?', '1', '9', '←', '→']) expect(listed).toContain(k);
  });
});

describe('stepping through posts', () => {
  it('moves one post at a time and holds at the ends', () => {
    expect(stepIndex(3, 1, 10)).toBe(4);
    expect(stepIndex(3, -1, 10)).toBe(2);
    expect(stepIndex(9, 1, 10)).toBe(9);
    expect(stepIndex(0, -1, 10)).toBe(0);
  });

  it('starts at the first post on screen when none has focus', () => {
    expect(stepIndex(-1, 1, 10, 4)).toBe(4);
    expect(stepIndex(-1, -1, 10, 4)).toBe(4);
    expect(stepIndex(-1, 1, 3, 7)).toBe(2);
    expect(stepIndex(-1, 1, 0)).toBe(-1);
  });
});

describe('menu keys', () => {
  const labels = ['Rename', 'Filters', 'Export CSV', 'Export JSON', 'Remove column'];

  it('wraps with the arrows and jumps with Home / End', () => {
    expect(menuKey('ArrowDown', 4, labels)).toEqual({ kind: 'focus', index: 0 });
    expect(menuKey('ArrowUp', 0, labels)).toEqual({ kind: 'focus', index: 4 });
    expect(menuKey('ArrowDown', -1, labels)).toEqual({ kind: 'focus', index: 0 });
    expect(menuKey('Home', 3, labels)).toEqual({ kind: 'focus', index: 0 });
    expect(menuKey('End', 0, labels)).toEqual({ kind: 'focus', index: 4 });
  });

  it('moves to the next item starting with a typed letter', () => {
    expect(menuKey('e', 0, labels)).toEqual({ kind: 'focus', index: 2 });
    expect(menuKey('e', 2, labels)).toEqual({ kind: 'focus', index: 3 });
    expect(menuKey('R', 0, labels)).toEqual({ kind: 'focus', index: 4 });
    expect(menuKey('x', 0, labels)).toBeNull();
  });

  it('activates with Enter or Space and closes with Escape or Tab', () => {
    expect(menuKey('Enter', 1, labels)).toEqual({ kind: 'activate' });
    expect(menuKey(' ', 1, labels)).toEqual({ kind: 'activate' });
    expect(menuKey('Enter', -1, labels)).toBeNull();
    expect(menuKey('Escape', 1, labels)).toEqual({ kind: 'close' });
    expect(menuKey('Tab', 1, labels)).toEqual({ kind: 'close' });
  });
});
