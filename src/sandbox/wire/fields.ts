// Which fields and expansions a request asked for (tweet.fields, user.fields, media.fields,
// expansions).

export interface FieldSelection {
  /** Post fields; `attachments` is implied by the `attachments.media_keys` expansion, as X does. */
  readonly tweet: ReadonlySet<string>;
  readonly user: ReadonlySet<string>;
  readonly media: ReadonlySet<string>;
  readonly expansions: ReadonlySet<string>;
  /** Identifies the selection, so rendered posts can be shared by requests that ask the same. */
  readonly key: string;
}

const list = (value: string | undefined): string[] => (value ? value.split(',').filter((item) => item !== '') : []);

const MEDIA_EXPANSIONS = ['attachments.media_keys', 'referenced_tweets.id.attachments.media_keys'];

export function selectionOf(query: Readonly<Record<string, string>>): FieldSelection {
  const expansions = list(query.expansions).sort();
  const tweet = list(query['tweet.fields']);
  if (!tweet.includes('attachments') && expansions.some((expansion) => MEDIA_EXPANSIONS.includes(expansion))) tweet.push('attachments');
  tweet.sort();
  const user = list(query['user.fields']).sort();
  const media = list(query['media.fields']).sort();
  return {
    tweet: new Set(tweet),
    user: new Set(user),
    media: new Set(media),
    expansions: new Set(expansions),
    key: `${tweet.join(',')}|${user.join(',')}|${media.join(',')}|${expansions.join(',')}`,
  };
}
