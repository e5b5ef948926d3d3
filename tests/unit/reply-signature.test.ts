// "Sign replies": the agent's initials after the reply, counted against X's limit by the composer.
import { describe, expect, it } from 'vitest';
import { accountReplySettingsSchema, initialsOf, saveReplySettingsInput, signatureOf, signedText } from '../../src/shared/reply-signature';
import { measureReply } from '../../src/renderer/src/logic/reply-draft';
import { caseSettingsFromJson, caseSettingsSchema } from '../../src/shared/case-settings';

describe('reply signature', () => {
  it('takes the first letters of the first and last word, uppercase, letters only', () => {
    expect(initialsOf('Ana Bell')).toBe('AB');
    expect(initialsOf('  ana   maría de la cruz ')).toBe('AC');
    expect(initialsOf('Bob')).toBe('B');
    expect(initialsOf("O'Neil (night shift) 3rd")).toBe('OR');
    expect(initialsOf('Élodie Ørsted')).toBe('ÉØ');
    expect(initialsOf('42 !!')).toBe('');
  });

  it('signs with ^ and the initials, or not at all without a letter', () => {
    expect(signatureOf('Ana Bell')).toBe('^AB');
    expect(signatureOf('  ')).toBeNull();
  });

  it('puts the signature after the trimmed text with one space', () => {
    expect(signedText('  @kaito_t We are on it.  ', '^AB')).toBe('@kaito_t We are on it. ^AB');
    expect(signedText('@kaito_t We are on it. ', null)).toBe('@kaito_t We are on it.');
  });

  it('counts the signature against the limit and says so when it does not fit', () => {
    const draft = `@kaito_t ${'a'.repeat(268)}`;
    expect(measureReply(draft).remaining).toBe(3);
    expect(measureReply(draft, '^AB')).toMatchObject({ remaining: -1, reason: 'Reply text with the signature ^AB is 281 characters as X counts them; the limit is 280' });
  });

  it('does not let a signature alone pass for a reply', () => {
    expect(measureReply('   ', '^AB').reason).toBe('Reply text cannot be empty');
  });

  it('refuses to sign without a name that gives initials', () => {
    expect(saveReplySettingsInput.safeParse({ accountId: '100', signReplies: true, signerName: '' }).error?.issues[0]?.message).toBe('Enter your name to sign replies with its initials');
    expect(saveReplySettingsInput.safeParse({ accountId: '100', signReplies: false, signerName: '' }).success).toBe(true);
    expect(accountReplySettingsSchema.parse({})).toEqual({ signReplies: false, signerName: '' });
  });

  it('reads case settings stored before "Sign replies" existed as not signing', () => {
    const older = JSON.stringify({ sla: null, autoAssign: { mode: 'off', capacity: 5 }, routing: [], doNotEngage: [] });
    expect(caseSettingsFromJson(older).signReplies).toBe(false);
    expect(caseSettingsFromJson(older).autoAssign.mode).toBe('off');
    expect(caseSettingsSchema.parse({ autoAssign: { mode: 'off', capacity: 5 }, signReplies: true }).signReplies).toBe(true);
  });
});
