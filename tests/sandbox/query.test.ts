// The query language of search and rules: what parses, what X refuses (and how it says so), and
// which posts each operator matches, over real HTTP.
import { describe, expect, it } from 'vitest';
import { parseQuery, QueryError } from '../../src/sandbox/query/index';
import { rig, type Rig } from './support';

function refusal(query: string): string {
  try {
    parseQuery(query);
  } catch (error) {
    if (error instanceof QueryError) return error.message;
    throw error;
  }
  throw new Error(`"${query}" was accepted`);
}

describe('parsing', () => {
  it('reads terms as AND, OR as lower precedence, and parentheses as groups', () => {
    expect(parseQuery('apple OR iphone ipad')).toMatchObject({
      kind: 'or',
      items: [{ kind: 'keyword', text: 'apple' }, { kind: 'and', items: [{ kind: 'keyword', text: 'iphone' }, { kind: 'keyword', text: 'ipad' }] }],
    });
    expect(parseQuery('(apple OR iphone) ipad')).toMatchObject({ kind: 'and', items: [{ kind: 'or' }, { kind: 'keyword', text: 'ipad' }] });
  });

  it('reads phrases, negation, entity and field operators', () => {
    expect(parseQuery('"lost bag" -refund @AcmeAir #delayed $ACME from:jane lang:es url:"example.com" is:reply')).toMatchObject({
      kind: 'and',
      items: [
        { kind: 'phrase', tokens: ['lost', 'bag'] },
        { kind: 'not', item: { kind: 'keyword', text: 'refund' } },
        { kind: 'mention', value: 'acmeair' },
        { kind: 'hashtag', value: 'delayed' },
        { kind: 'cashtag', value: 'acme' },
        { kind: 'operator', name: 'from', value: 'jane' },
        { kind: 'operator', name: 'lang', value: 'es' },
        { kind: 'operator', name: 'url', value: 'example.com' },
        { kind: 'operator', name: 'is', value: 'reply' },
      ],
    });
  });

  it('treats lowercase "or" as a keyword, as X does', () => {
    expect(parseQuery('cats or dogs')).toMatchObject({ kind: 'and', items: [{ text: 'cats' }, { text: 'or' }, { text: 'dogs' }] });
  });

  it.each([
    ['(delay', "missing ')' at '<EOF>' (at position 7)"],
    ['delay)', "extraneous input ')' expecting <EOF> (at position 6)"],
    ['delay OR', "no viable alternative at input '<EOF>' (at position 9)"],
    ['"lost bag', 'token recognition error at: \'"lost bag\' (at position 1)'],
    ['foo:bar delay', "Reference to invalid field 'foo' (at position 1)"],
    ['delay is:angry', "Reference to invalid operator 'is:angry'. Operator is not available in current product or product packaging (at position 7)"],
    ['-delay', 'Rules must contain a non-negation term (at position 1)'],
    ['is:reply lang:en', "'is:reply' is a conjunction-required operator: rules must also contain a positive keyword, phrase or stand-alone operator (at position 1)"],
    ['()', "no viable alternative at input '()' (at position 1)"],
  ])('refuses %j with X-style detail', (query, message) => {
    expect(refusal(query)).toBe(message);
  });
});

describe('matching, through recent search', () => {
  async function seeded(): Promise<Rig> {
    const made = await rig();
    const { admin } = made;
    const root = await admin.createPost({ author: 'jane', text: '@AcmeAir my lost bag never arrived #lostbag https://www.example.com/claims/123', lang: 'en' });
    await admin.createPost({ author: 'AcmeAir', text: '@jane sorry to hear that, DM us your file reference', in_reply_to_post_id: root.id });
    await admin.createPost({ author: 'pablo', text: '@AcmeAir mi maleta no llegó #lostbag', lang: 'es' });
    await admin.createPost({ author: 'trader', text: 'Buying more $ACME today, the bag of tricks', lang: 'en' });
    await admin.createPost({ author: 'quoter', text: 'look at this lost bag story', quote_of_post_id: root.id });
    await admin.createPost({ author: 'kenji', text: '@AcmeAir 荷物が届きません', lang: 'ja' });
    await admin.createPost({ author: 'fan', text: 'Lost and found: my bag! 😡 thanks @NimbusMobile' });
    return made;
  }

  async function authors(made: Rig, query: string): Promise<string[]> {
    const answer = await made.get<{ data?: { author_id: string }[]; includes?: { users: { id: string; username: string }[] } }>(
      `/2/tweets/search/recent?query=${encodeURIComponent(query)}&expansions=author_id&tweet.fields=author_id`,
    );
    expect(answer.status).toBe(200);
    const names = new Map((answer.body.includes?.users ?? []).map((u) => [u.id, u.username]));
    return (answer.body.data ?? []).map((post) => names.get(post.author_id)!).sort();
  }

  it('matches each operator as X defines it', async () => {
    const made = await seeded();
    expect(await authors(made, 'bag')).toEqual(['fan', 'jane', 'quoter', 'trader']);
    expect(await authors(made, '"lost bag"')).toEqual(['jane', 'quoter']);
    expect(await authors(made, 'bag -lostbag')).toEqual(['fan', 'quoter', 'trader']);
    expect(await authors(made, '#lostbag')).toEqual(['jane', 'pablo']);
    expect(await authors(made, '@AcmeAir')).toEqual(['jane', 'kenji', 'pablo']);
    expect(await authors(made, '$ACME')).toEqual(['trader']);
    expect(await authors(made, 'from:AcmeAir')).toEqual(['AcmeAir']);
    expect(await authors(made, 'to:jane')).toEqual(['AcmeAir']);
    expect(await authors(made, '#lostbag lang:es')).toEqual(['pablo']);
    expect(await authors(made, '@AcmeAir is:reply')).toEqual([]);
    expect(await authors(made, 'sorry is:reply')).toEqual(['AcmeAir']);
    expect(await authors(made, 'bag is:quote')).toEqual(['quoter']);
    expect(await authors(made, 'bag has:links')).toEqual(['jane']);
    expect(await authors(made, 'url:example.com')).toEqual(['jane']);
    expect(await authors(made, '(maleta OR 荷物) @AcmeAir')).toEqual(['kenji', 'pablo']);
    expect(await authors(made, '😡')).toEqual(['fan']);
  });

  it('matches conversation_id: the root post and its replies', async () => {
    const made = await seeded();
    const root = (await made.admin.postsBy('jane'))[0]!;
    expect(await authors(made, `conversation_id:${root.id}`)).toEqual(['AcmeAir', 'jane']);
  });

  it('answers an invalid query with X\'s 400 invalid-request body', async () => {
    const made = await rig();
    const answer = await made.get('/2/tweets/search/recent?query=%28delay');
    expect(answer.status).toBe(400);
    expect(answer.headers.get('content-type')).toBe('application/problem+json');
    expect(answer.body).toEqual({
      errors: [{ parameters: { query: ['(delay'] }, message: "There were errors processing your request: missing ')' at '<EOF>' (at position 7)" }],
      title: 'Invalid Request',
      detail: 'One or more parameters to your request was invalid.',
      type: 'https://api.twitter.com/2/problems/invalid-request',
    });
  });
});
