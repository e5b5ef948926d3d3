import { describe, expect, it } from 'vitest';
import { EMPTY_ENTITIES, type PostEntities } from '../../src/shared/domain';
import { segmentPostText } from '../../src/shared/post-text';

const entities = (partial: Partial<PostEntities>): PostEntities => ({ ...EMPTY_ENTITIES, ...partial });

describe('segmentPostText', () => {
  it('splits text into mentions, hashtags and links with display text', () => {
    const text = '@AcmeAir my bag is lost #fail https://t.co/abc';
    const segments = segmentPostText(
      text,
      entities({
        mentions: [{ start: 0, end: 8, username: 'AcmeAir' }],
        hashtags: [{ start: 24, end: 29, tag: 'fail' }],
        urls: [{ start: 30, end: 46, url: 'https://t.co/abc', expandedUrl: 'https://acme.example/bags', displayUrl: 'acme.example/bags' }],
      }),
    );
    expect(segments).toEqual([
      { kind: 'mention', text: '@AcmeAir', username: 'AcmeAir' },
      { kind: 'text', text: ' my bag is lost ' },
      { kind: 'hashtag', text: '#fail', tag: 'fail' },
      { kind: 'text', text: ' ' },
      { kind: 'link', text: 'acme.example/bags', href: 'https://acme.example/bags' },
    ]);
  });

  it('counts offsets in code points, so entities after emoji land right', () => {
    const text = '😡😡 @AcmeAir';
    const [first, second] = segmentPostText(text, entities({ mentions: [{ start: 3, end: 11, username: 'AcmeAir' }] }));
    expect(first).toEqual({ kind: 'text', text: '😡😡 ' });
    expect(second).toEqual({ kind: 'mention', text: '@AcmeAir', username: 'AcmeAir' });
  });

  it('never turns a non-web URL into a link', () => {
    const text = 'click javascript:alert(1)';
    const segments = segmentPostText(
      text,
      entities({ urls: [{ start: 6, end: 25, url: 'javascript:alert(1)', expandedUrl: 'javascript:alert(1)', displayUrl: 'javascript:alert(1)' }] }),
    );
    expect(segments.some((s) => s.kind === 'link')).toBe(false);
    expect(segments.map((s) => s.text).join('')).toBe(text);
  });

  it('keeps all the text when entities overlap or fall outside it', () => {
    const text = 'short #tag';
    const segments = segmentPostText(
      text,
      entities({ hashtags: [{ start: 6, end: 10, tag: 'tag' }, { start: 8, end: 12, tag: 'bad' }], mentions: [{ start: 40, end: 45, username: 'x' }] }),
    );
    expect(segments.map((s) => s.text).join('')).toBe(text);
    expect(segments.filter((s) => s.kind === 'hashtag')).toHaveLength(1);
  });
});
