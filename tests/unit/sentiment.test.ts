import { describe, expect, it } from 'vitest';
import { TrafficGenerator } from '../../src/sandbox/traffic/generator';
import { assessPost, stripForScoring, type PostInput } from '../../src/shared/sentiment';

/** An ordinary author: a few hundred followers, no badge, no labels. */
const post = (text: string, extra: Partial<PostInput> = {}) => assessPost({ text, lang: 'en', followers: 300, verified: false, ...extra });

describe('assessPost sentiment', () => {
  it('reads a clear complaint as negative and says why', () => {
    const result = post('@AcmeAir flight LH123 delayed again, 3 hours at the gate and nobody helps. Terrible service 😡');
    expect(result.sentiment).toBe('negative');
    expect(result.confidence).toBeGreaterThanOrEqual(0.5);
    expect(result.score).toBeLessThan(0);
    expect(result.reasons).toEqual(expect.arrayContaining(['Negative tone', 'Mentions a delay', 'Flight LH123']));
  });

  it('reads a flat-toned report of a service problem as a complaint', () => {
    const result = post('@AcmeAir my bag did not make it to Lisbon. File ref LIS94471');
    expect(result.sentiment).toBe('negative');
    expect(result.reasons).toEqual(expect.arrayContaining(['Reports a problem', 'Something lost or missing', 'Reference LIS94471']));
  });

  it('reads praise as positive and chatter as neutral', () => {
    const praise = post('Thank you @AcmeAir, the crew was wonderful and boarding was so smooth 🎉');
    expect(praise.sentiment).toBe('positive');
    expect(praise.reasons).toContain('Positive tone');
    for (const chatter of ['Traffic in Lisbon is wild today', 'Anyone else watching the game tonight? #sports']) {
      expect(post(chatter).sentiment).toBe('neutral');
    }
  });

  it('understands negation, even a word away', () => {
    expect(post('I am happy with this service').sentiment).toBe('positive');
    expect(post('I am not happy with this service').sentiment).toBe('negative');
    expect(post('not very happy with this service').sentiment).toBe('negative');
    expect(post("The food wasn't good").sentiment).toBe('negative');
  });

  it('does not score the tone of other languages, but still sees their complaint signals', () => {
    const spanish = assessPost({ text: '@AcmeAir mi vuelo AA123 lleva 90 minutos de retraso, quiero un reembolso', lang: 'es', followers: 300, verified: false });
    expect(spanish).toMatchObject({ sentiment: 'neutral', score: 0 });
    expect(spanish.confidence).toBeLessThanOrEqual(0.3);
    expect(spanish.reasons).toEqual(expect.arrayContaining(['Tone not scored (es)', 'Mentions a refund', 'Mentions a delay', 'Flight AA123']));
    const spanishChatter = assessPost({ text: 'Hola a todos, qué buen día hace hoy', lang: 'es', followers: 300, verified: false });
    expect(spanish.priority).toBeGreaterThan(spanishChatter.priority);

    const japanese = assessPost({ text: '@AcmeAir 荷物が届きません。大阪に着いたのに…', lang: 'ja', followers: 300, verified: false });
    expect(japanese.sentiment).toBe('neutral');
    expect(japanese.confidence).toBeLessThanOrEqual(0.3);
    expect(japanese.reasons).toContain('Something lost or missing');
    const german = assessPost({ text: 'Ich warte seit Wochen auf meine Erstattung, Bestellung 123456', lang: 'de', followers: 300, verified: false });
    expect(german.reasons).toEqual(expect.arrayContaining(['Mentions a refund', 'Order 123456']));
  });

  it('ignores links and @mentions when scoring', () => {
    expect(stripForScoring('@love_it_happy thanks https://great.example/awesome-wonderful www.best.example ok')).toBe('thanks ok');
    const result = post('@happy_amazing_love see https://great.example/wonderful-excellent-love');
    expect(result).toMatchObject({ sentiment: 'neutral', score: 0 });
  });

  it('names order, booking and ticket references', () => {
    expect(post('Booking AB1234 still not confirmed').reasons).toContain('Booking code AB1234');
    expect(post('where is order 123456').reasons).toContain('Order 123456');
    expect(post('any news on #12345').reasons).toContain('Reference #12345');
    expect(post('Just finished a 10k run on my Pixel 9 with 5G').reasons.some((reason) => /^(Reference|Order|Flight|Booking)/u.test(reason))).toBe(false);
  });
});

describe('assessPost priority', () => {
  it('ranks a complaint above chatter above praise for the same author', () => {
    const complaint = post('@AcmeAir I was promised a refund three weeks ago. Still nothing. Booking AB1234 #fail');
    const chatter = post('Coffee first, then emails');
    const praise = post('@AcmeAir thank you for the lovely flight, great crew!');
    expect(complaint.priority).toBeGreaterThan(chatter.priority);
    expect(chatter.priority).toBeGreaterThan(praise.priority);
    for (const { priority } of [complaint, chatter, praise]) {
      expect(Number.isInteger(priority)).toBe(true);
      expect(priority).toBeGreaterThanOrEqual(0);
      expect(priority).toBeLessThanOrEqual(100);
    }
  });

  it('raises priority with the author’s reach and says so', () => {
    const text = '@AcmeAir my flight was cancelled and nobody answers';
    const small = post(text, { followers: 50 });
    const large = post(text, { followers: 120_000 });
    const verified = post(text, { followers: 120_000, verified: true });
    expect(large.priority).toBeGreaterThan(small.priority);
    expect(verified.priority).toBeGreaterThan(large.priority);
    expect(large.reasons).toContain('Author has 120k followers');
    expect(verified.reasons).toContain('Verified author');
    expect(small.reasons.some((reason) => reason.includes('followers'))).toBe(false);
  });

  it('raises priority for VIP and press labels', () => {
    const text = 'Is online check-in open yet for tomorrow?';
    const plain = post(text);
    const vip = post(text, { labels: ['VIP'] });
    const press = post(text, { labels: ['press'] });
    expect(vip.priority).toBeGreaterThan(plain.priority);
    expect(press.priority).toBeGreaterThan(plain.priority);
    expect(vip.reasons).toContain('VIP customer');
    expect(press.reasons).toContain('Press');
  });

  it('copes with empty text and odd numbers without throwing', () => {
    for (const input of [
      { text: '', lang: null, followers: null, verified: null },
      { text: '   https://x.example @someone ', lang: 'en-GB', followers: Number.NaN, verified: null },
      { text: 'refund', lang: 'und', followers: -5, verified: true, labels: ['', 'vip', 'VIP '] },
    ] satisfies PostInput[]) {
      const result = assessPost(input);
      expect(result.priority).toBeGreaterThanOrEqual(0);
      expect(result.priority).toBeLessThanOrEqual(100);
      expect(Number.isFinite(result.confidence)).toBe(true);
    }
    expect(assessPost({ text: 'refund', lang: 'und', followers: -5, verified: true, labels: ['vip', 'VIP '] }).reasons.filter((r) => r === 'VIP customer')).toHaveLength(1);
  });
});

describe('on the sandbox’s synthetic customer traffic', () => {
  /** The generator labels every post; these are the labels with a clear expected sentiment. */
  const EXPECTED = { complaint: 'negative', followup: 'negative', praise: 'positive', noise: 'neutral' } as const;
  const isLabelled = (category: string): category is keyof typeof EXPECTED => category in EXPECTED;

  const generator = new TrafficGenerator(20_260_101, ['AcmeAir', 'NimbusMobile']);
  const posts = Array.from({ length: 2_000 }, () => generator.next())
    .filter((generated) => generated.lang === 'en' && isLabelled(generated.category))
    .map((generated) => ({ category: generated.category, ...assessPost({ text: generated.text, lang: generated.lang, followers: null, verified: null }) }));

  it('gets at least 80% of English complaints, praise and chatter right', () => {
    const right = posts.filter((assessed) => isLabelled(assessed.category) && assessed.sentiment === EXPECTED[assessed.category]).length;
    const accuracy = right / posts.length;
    console.info(`sentiment accuracy on ${posts.length} English sandbox posts: ${(accuracy * 100).toFixed(1)}%`);
    expect(posts.length).toBeGreaterThan(1_000);
    expect(accuracy).toBeGreaterThanOrEqual(0.8);
  });

  it('puts complaints at the top when sorted by priority', () => {
    const isComplaint = (category: string) => category === 'complaint' || category === 'followup';
    const sorted = [...posts].sort((a, b) => b.priority - a.priority);
    const topPage = sorted.slice(0, 50);
    const complaintsInTopPage = topPage.filter((assessed) => isComplaint(assessed.category)).length / topPage.length;

    // The share of (complaint, praise-or-chatter) pairs in which the complaint ranks higher.
    const complaints = posts.filter((assessed) => isComplaint(assessed.category));
    const others = posts.filter((assessed) => !isComplaint(assessed.category));
    let ranksAbove = 0;
    for (const complaint of complaints) for (const other of others) ranksAbove += complaint.priority > other.priority ? 1 : complaint.priority === other.priority ? 0.5 : 0;
    const pairwise = ranksAbove / (complaints.length * others.length);
    console.info(`complaints in the top 50: ${(complaintsInTopPage * 100).toFixed(0)}%; complaint ranked above praise/chatter in ${(pairwise * 100).toFixed(1)}% of pairs`);
    expect(complaintsInTopPage).toBeGreaterThanOrEqual(0.9);
    expect(pairwise).toBeGreaterThanOrEqual(0.9);
  });
});
