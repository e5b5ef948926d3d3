import { describe, expect, it } from 'vitest';
import { colleaguesLine } from '../../src/renderer/src/logic/team-presence';

describe('who is on a post', () => {
  it('says who types first, then who views, by name; nothing when nobody is there', () => {
    expect(colleaguesLine(undefined)).toBeNull();
    expect(colleaguesLine([])).toBeNull();
    expect(colleaguesLine([{ name: 'Ann Owner', typing: false }])).toBe('Ann Owner is viewing');
    expect(colleaguesLine([{ name: 'Ann Owner', typing: false }, { name: 'Bob Agent', typing: true }])).toBe('Bob Agent is typing · Ann Owner is viewing');
  });
});
