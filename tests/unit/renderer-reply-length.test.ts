// The composer's counter: "Characters left" is 280 minus the draft's length as X counts it, and the
// reason it gives when over is the one the contract would give on Send.
import { describe, expect, it } from 'vitest';
import { replyText } from '../../src/shared/contract';
import { measureReply, onlyMentions, REPLY_LIMIT, replyProblem, replyRemaining } from '../../src/renderer/src/logic/reply-draft';

describe('reply counter', () => {
  it('counts a link as 23 however long it is', () => {
    const link = 'https://status.acmeair.com/flights/AA1234/2026-12-03/departure-board?lang=en';
    expect(replyRemaining(`@maria_flies ${link}`)).toBe(REPLY_LIMIT - 13 - 23);
  });

  it('counts CJK characters and emoji twice, a ZWJ family or a skin-toned emoji as one emoji', () => {
    expect(replyRemaining('ご迷惑をおかけしました')).toBe(REPLY_LIMIT - 22);
    expect(replyRemaining('Sorry 🙏🏽 👨‍👩‍👧‍👦')).toBe(REPLY_LIMIT - 11);
  });

  it('goes below zero over the limit and says why Send is refused, as the contract does', () => {
    const draft = `@maria_flies ${'申'.repeat(140)}`;
    expect(measureReply(draft)).toEqual({
      weightedLength: 293,
      remaining: -13,
      valid: false,
      reason: 'Reply text is 293 characters as X counts them; the limit is 280',
    });
    expect(replyProblem(draft)).toBe(replyText.safeParse(draft).error?.issues[0]?.message);
  });

  it('has no problem with a draft that fits', () => {
    expect(replyProblem(`@maria_flies ${'申'.repeat(133)}`)).toBeNull();
    expect(replyRemaining(`@maria_flies ${'申'.repeat(133)}`)).toBe(1);
  });
});

describe('a draft that is only its @mentions', () => {
  it('says nothing yet: it cannot be sent; a word after the mention can', () => {
    expect(onlyMentions('@kaito_t ')).toBe(true);
    expect(onlyMentions('@kaito_t @AcmeAir')).toBe(true);
    expect(onlyMentions('@kaito_t thanks!')).toBe(false);
    expect(onlyMentions('   ')).toBe(false);
  });
});
