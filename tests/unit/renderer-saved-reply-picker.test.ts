import { describe, expect, it } from 'vitest';
import { insertSavedReply, slashQuery } from '../../src/renderer/src/logic/saved-reply-picker';

describe('looking up a saved reply with /', () => {
  it('reads what follows a / that starts the last word', () => {
    expect(slashQuery('@rina_k /ref')).toBe('ref');
    expect(slashQuery('/')).toBe('');
    expect(slashQuery('@rina_k /')).toBe('');
  });
  it('ignores a / inside a word or a link, and a finished word', () => {
    expect(slashQuery('@rina_k see https://acme.example/help')).toBeNull();
    expect(slashQuery('@rina_k and/or')).toBeNull();
    expect(slashQuery('@rina_k /refund ')).toBeNull();
  });
});

describe('putting a saved reply in the draft', () => {
  it('replaces the /word being typed, keeping the @mention before it', () => {
    expect(insertSavedReply('@rina_k /ref', 'Your refund is on its way')).toBe('@rina_k Your refund is on its way');
    expect(insertSavedReply('/ref', 'Your refund is on its way')).toBe('Your refund is on its way');
  });
  it('follows the draft otherwise', () => {
    expect(insertSavedReply('@rina_k ', 'Hello')).toBe('@rina_k Hello');
    expect(insertSavedReply('@rina_k Thanks.', 'Hello')).toBe('@rina_k Thanks. Hello');
    expect(insertSavedReply('', 'Hello')).toBe('Hello');
  });
});
