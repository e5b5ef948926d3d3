// Which fields and expansions a request asked for (tweet.fields, user.fields, expansions).

export interface FieldSelection {
  readonly tweet: ReadonlySet<string>;
  readonly user: ReadonlySet<string>;
  readonly expansions: ReadonlySet<string>;
  /** Identifies the selection, so rendered posts can be shared by requests that ask the same. */
  readonly key: string;
}

const list = (value: string | undefined): string[] => (value ? value.split(',').filter((item) => item !== '') : []);

export function selectionOf(query: Readonly<Record<string, string>>): FieldSelection {
  const tweet = list(query['tweet.fields']).sort();
  const user = list(query['user.fields']).sort();
  const expansions = list(query.expansions).sort();
  return {
    tweet: new Set(tweet),
    user: new Set(user),
    expansions: new Set(expansions),
    key: `${tweet.join(',')}|${user.join(',')}|${expansions.join(',')}`,
  };
}
