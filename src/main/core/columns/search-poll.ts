// One recent-search run for a column: everything newer than its cursor, following next_token
// with the same since_id (X's pagination rule), or the newest page on a column's first run.
import type { TwitterApiReadWrite, TweetV2, UserV2 } from 'twitter-api-v2';
import { EXPANSIONS, TWEET_FIELDS, USER_FIELDS } from '../x/client';
import { normaliseBatch, type NormalisedBatch } from '../x/normalize';

const MAX_PAGES = 10;

export async function searchSince(client: TwitterApiReadWrite, query: string, sinceId: string | null): Promise<NormalisedBatch> {
  const paginator = await client.v2.search(query, {
    max_results: 100,
    ...(sinceId ? { since_id: sinceId } : {}),
    'tweet.fields': [...TWEET_FIELDS],
    'user.fields': [...USER_FIELDS],
    expansions: [...EXPANSIONS],
  });
  // Without a cursor only the newest page is wanted; with one, nothing newer may be missed.
  for (let page = 1; sinceId && page < MAX_PAGES && !paginator.done; page++) await paginator.fetchNext();
  const tweets: TweetV2[] = paginator.data.data ?? [];
  const users: UserV2[] = paginator.data.includes?.users ?? [];
  return normaliseBatch(tweets, users);
}
