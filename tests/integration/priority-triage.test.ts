// The issue's proof for priority and sentiment: on posts the sandbox's traffic generator writes and
// labels (complaint, praise, noise), stored through the real ingestor into a real SQLite file, a
// column sorted "Priority first" lists at least 90% of the complaints above every praise and noise
// post on its first page. The sentiment accuracy on the same set is printed for the record.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DomainEvents } from '../../src/main/core/domain-events';
import { Ingestor } from '../../src/main/core/ingest/ingestor';
import { getColumn, insertColumn } from '../../src/main/core/store/columns';
import { openDatabase } from '../../src/main/core/store/database';
import { listColumnPosts } from '../../src/main/core/store/posts';
import { TrafficGenerator, type SyntheticPost } from '../../src/sandbox/traffic/generator';
import { trafficFollowers } from '../../src/sandbox/traffic/runner';
import { columnSortOf } from '../../src/shared/column-filters';
import { DEFAULT_COLUMN_FILTERS, EMPTY_ENTITIES, type Author, type Post, type Sentiment } from '../../src/shared/domain';
import { silentLogger, tempDir } from '../helpers/temp';

/** The renderer's first page (stores/timeline.ts PAGE_SIZE). */
const FIRST_PAGE = 100;
/** Enough that the complaints (about 60-70% of them) nearly fill the first page. */
const LABELLED_POSTS = 140;
const LABELS = ['complaint', 'praise', 'noise'] as const;
type Label = (typeof LABELS)[number];
const EXPECTED_SENTIMENT: Record<Label, Sentiment> = { complaint: 'negative', praise: 'positive', noise: 'neutral' };

const isLabelled = (post: SyntheticPost): post is SyntheticPost & { category: Label } => (LABELS as readonly string[]).includes(post.category);

/** The generator's first complaints, praise and noise, as X would deliver them: ids in time order. */
function labelledTraffic(seed: number): { posts: Post[]; authors: Author[]; labels: Map<string, Label> } {
  const generator = new TrafficGenerator(seed, ['AcmeAir', 'NimbusMobile']);
  const posts: Post[] = [];
  const authors = new Map<string, Author>();
  const labels = new Map<string, Label>();
  while (posts.length < LABELLED_POSTS) {
    const synthetic = generator.next();
    if (!isLabelled(synthetic)) continue;
    const id = String(1_900_000_000_000_000_000n + BigInt(synthetic.seq));
    const authorId = `7${synthetic.author.length}${synthetic.seq}`;
    if (!authors.has(synthetic.author)) {
      authors.set(synthetic.author, { id: authorId, username: synthetic.author, name: synthetic.authorName, avatarUrl: null, verified: false, followersCount: trafficFollowers(synthetic.seq) });
    }
    const author = authors.get(synthetic.author)!;
    posts.push({
      id,
      text: synthetic.text,
      createdAt: new Date(Date.UTC(2026, 10, 1) + synthetic.seq * 1_000).toISOString(),
      authorId: author.id,
      conversationId: id,
      inReplyToUserId: null,
      inReplyToPostId: null,
      lang: synthetic.lang,
      entities: EMPTY_ENTITIES,
      quotedPostId: null,
      repostOfId: null,
      metrics: null,
      media: [],
    });
    labels.set(id, synthetic.category);
  }
  return { posts, authors: [...authors.values()], labels };
}

const dirs: { remove(): void }[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => dir.remove()));

describe('"Priority first" on the sandbox traffic', () => {
  it.each([2026, 7, 42])('puts at least 90 percent of the complaints above all praise and noise on the first page (seed %i)', (seed) => {
    const dir = tempDir();
    dirs.push(dir);
    const db = openDatabase(join(dir.path, 'workspace.sqlite'));
    insertColumn(db, { id: 'brands', kind: 'search', accountId: '1', title: 'Brands', query: '@AcmeAir OR @NimbusMobile', builder: null, filters: { ...DEFAULT_COLUMN_FILTERS, sort: 'priority' } });
    const ingestor = new Ingestor(db, new DomainEvents(silentLogger), { isLive: () => true, predicate: () => null, archiveColumns: () => [] });
    const { posts, authors, labels } = labelledTraffic(seed);
    // In delivery-sized batches, as a stream or a poll hands them over.
    for (let start = 0; start < posts.length; start += 25) {
      const batch = posts.slice(start, start + 25);
      ingestor.ingest({ posts: batch, authors, routes: new Map(batch.map((post) => [post.id, ['brands']])) });
    }
    ingestor.close();

    const column = getColumn(db, 'brands')!;
    const firstPage = listColumnPosts(db, column.id, FIRST_PAGE, undefined, null, columnSortOf(column));
    const complaints = posts.filter((post) => labels.get(post.id) === 'complaint').length;
    expect(complaints).toBeLessThanOrEqual(FIRST_PAGE);
    const firstOther = firstPage.findIndex((post) => labels.get(post.id) !== 'complaint');
    const complaintsAboveOthers = firstPage.slice(0, firstOther === -1 ? firstPage.length : firstOther).length;
    const share = complaintsAboveOthers / complaints;

    const stored = listColumnPosts(db, column.id, LABELLED_POSTS + 1);
    const correct = (label: Label) => stored.filter((post) => labels.get(post.id) === label && post.assessment?.sentiment === EXPECTED_SENTIMENT[label]).length;
    const total = (label: Label) => stored.filter((post) => labels.get(post.id) === label).length;
    const accuracy = LABELS.reduce((sum, label) => sum + correct(label), 0) / stored.length;
    console.info(
      `seed ${seed}: ${complaintsAboveOthers} of ${complaints} complaints (${(share * 100).toFixed(1)}%) above all praise and noise on the first page of ${FIRST_PAGE}; ` +
        `sentiment accuracy ${(accuracy * 100).toFixed(1)}% on ${stored.length} labelled posts (${LABELS.map((label) => `${label} ${correct(label)}/${total(label)} ${EXPECTED_SENTIMENT[label]}`).join(', ')})`,
    );
    db.close();

    expect(stored).toHaveLength(LABELLED_POSTS);
    expect(share).toBeGreaterThanOrEqual(0.9);
  });
});
