// X's reply rule as the composer and the core apply it: a handle may answer its own post, a post
// that @mentions it, or one quoting its post; anything else X refuses.
import { describe, expect, it } from 'vitest';
import type { PostEntities } from '../../src/shared/domain';
import { replyRuleAllows, replyRuleRefusal, type RuledPost } from '../../src/shared/reply-rule';

const acme = { id: '100', username: 'AcmeAir' };
const noEntities: PostEntities = { urls: [], mentions: [], hashtags: [], cashtags: [] };
const post = (overrides: Partial<RuledPost> = {}): RuledPost => ({ authorId: '7', author: { username: 'kaito_t' }, entities: noEntities, quotedPostId: null, ...overrides });

describe('reply rule', () => {
  it('refuses a post that neither mentions nor quotes the handle', () => {
    expect(replyRuleAllows(post(), acme)).toBe(false);
  });

  it('allows a post that @mentions the handle, whatever the case of the name', () => {
    expect(replyRuleAllows(post({ entities: { ...noEntities, mentions: [{ start: 0, end: 8, username: 'acmeair' }] } }), acme)).toBe(true);
  });

  it('does not take a mention of another handle, or the name written without @, for one', () => {
    expect(replyRuleAllows(post({ entities: { ...noEntities, mentions: [{ start: 0, end: 11, username: 'AcmeAirHelp' }] } }), acme)).toBe(false);
  });

  it("allows the handle's own post, by id or by name", () => {
    expect(replyRuleAllows(post({ authorId: '100' }), acme)).toBe(true);
    expect(replyRuleAllows(post({ authorId: 'acme-at-hub', author: { username: 'ACMEAIR' } }), acme)).toBe(true);
  });

  it("allows a post quoting the handle's post, refuses one quoting someone else's", () => {
    expect(replyRuleAllows(post({ quotedPostId: '55', quoted: { authorId: '100' } }), acme)).toBe(true);
    expect(replyRuleAllows(post({ quotedPostId: '55', quoted: { authorId: '8' } }), acme)).toBe(false);
  });

  it('leaves a quote of a post this desktop has not stored to X', () => {
    expect(replyRuleAllows(post({ quotedPostId: '55' }), acme)).toBe(true);
  });

  it('says why X will refuse, naming the handle', () => {
    expect(replyRuleRefusal('AcmeAir')).toMatch(/^X will refuse this reply because the post did not mention or quote @AcmeAir/);
  });
});
