import { describe, expect, it } from 'vitest';
import { mayWriteCustomerNotes, noteAuthor, noteTime } from '../../src/renderer/src/logic/customer-notes';
import { PRESET_ROLES } from '../../src/shared/hub-roles';

describe('customer notes as the list says them', () => {
  const members = [
    { id: 'm-ann', displayName: 'Ann Owner' },
    { id: 'm-bob', displayName: 'Bob Agent' },
  ];

  it('names who wrote a note: you (alone, or this member), a colleague, or a former member', () => {
    expect(noteAuthor(null, [], null)).toBe('You');
    expect(noteAuthor('m-bob', members, 'm-bob')).toBe('You');
    expect(noteAuthor('m-ann', members, 'm-bob')).toBe('Ann Owner');
    expect(noteAuthor('m-gone', members, 'm-bob')).toBe('A former member');
  });

  it('says how long ago, with the exact time beside it', () => {
    const at = Date.UTC(2026, 10, 25, 9, 0, 0);
    expect(noteTime(at, at + 1_000)).toMatchObject({ spoken: 'just now', iso: '2026-11-25T09:00:00.000Z' });
    expect(noteTime(at, at + 5 * 60_000).spoken).toBe('5 minutes ago');
    expect(noteTime(at, at + 3 * 3_600_000).spoken).toBe('3 hours ago');
    expect(noteTime(at, at).exact).toMatch(/2026/);
  });

  it('offers the notes box to those who may reply on a team handle, and always on a desktop’s own handle', () => {
    const roles = PRESET_ROLES.map((role) => ({ ...role, permissions: [...role.permissions] }));
    const member = (role: string) => ({ id: 'm-1', displayName: 'Vic', initials: 'V', teamRole: null, handleRoles: { '42': role }, createdAt: 0 });
    expect(mayWriteCustomerNotes({ fromTeam: true }, '42', member('agent'), roles)).toBe(true);
    expect(mayWriteCustomerNotes({ fromTeam: true }, '42', member('trainee'), roles)).toBe(true);
    expect(mayWriteCustomerNotes({ fromTeam: true }, '42', member('viewer'), roles)).toBe(false);
    expect(mayWriteCustomerNotes({ fromTeam: true }, '42', null, roles)).toBe(false);
    expect(mayWriteCustomerNotes({ fromTeam: false }, '42', null, roles)).toBe(true);
  });
});
