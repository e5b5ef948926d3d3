// Which column's feed a URL secret opens. A secret is shown once, when the feed is published; only
// its SHA-256 is kept (in preferences), so a copied preferences file or database reveals no feed
// URL. One feed per column: publishing again replaces the secret, revoking forgets it.
import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { PreferenceStore } from '../ports';

const PUBLISHED_FEEDS_PREFERENCE = 'feeds.published';
const SECRET_BYTES = 32;
/** base64url of 32 bytes: 43 characters of A–Z a–z 0–9 - _. */
const SECRET_PATTERN = /^[A-Za-z0-9_-]{43}$/;

const publishedFeedSchema = z.object({
  columnId: z.string().min(1).max(64),
  secretSha256: z.string().regex(/^[0-9a-f]{64}$/),
  publishedAt: z.string(),
});
type PublishedFeed = z.infer<typeof publishedFeedSchema>;

const sha256 = (secret: string): string => createHash('sha256').update(secret, 'utf8').digest('hex');

export class FeedSecrets {
  constructor(
    private readonly preferences: PreferenceStore,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** A new secret for the column's feed (any older one stops working). Returned once, never kept. */
  publish(columnId: string): string {
    const secret = randomBytes(SECRET_BYTES).toString('base64url');
    const others = this.published().filter((feed) => feed.columnId !== columnId);
    this.save([...others, { columnId, secretSha256: sha256(secret), publishedAt: this.now().toISOString() }]);
    return secret;
  }

  /** True when the column had a feed. */
  revoke(columnId: string): boolean {
    const feeds = this.published();
    const kept = feeds.filter((feed) => feed.columnId !== columnId);
    this.save(kept);
    return kept.length !== feeds.length;
  }

  /** Forgets the feeds of columns that are gone (their URLs already answer 404). */
  keepOnly(columnExists: (columnId: string) => boolean): void {
    const feeds = this.published();
    const kept = feeds.filter((feed) => columnExists(feed.columnId));
    if (kept.length !== feeds.length) this.save(kept);
  }

  /** The column a secret opens, or null (malformed, unknown or revoked). */
  columnOf(secret: string): string | null {
    if (!SECRET_PATTERN.test(secret)) return null;
    const digest = sha256(secret);
    return this.published().find((feed) => feed.secretSha256 === digest)?.columnId ?? null;
  }

  /** Entries this version cannot read are dropped rather than failing every feed. */
  private published(): PublishedFeed[] {
    const stored = this.preferences.get<unknown>(PUBLISHED_FEEDS_PREFERENCE);
    if (!Array.isArray(stored)) return [];
    return stored.flatMap((entry) => {
      const parsed = publishedFeedSchema.safeParse(entry);
      return parsed.success ? [parsed.data] : [];
    });
  }

  private save(feeds: PublishedFeed[]): void {
    this.preferences.set(PUBLISHED_FEEDS_PREFERENCE, feeds);
  }
}
