// The query language of X's recent search and filtered-stream rules, as a tree.

export const OPERATORS = ['from', 'to', 'lang', 'is', 'has', 'url', 'conversation_id', 'retweets_of', 'in_reply_to_tweet_id', 'quotes_of_tweet_id'] as const;
export type OperatorName = (typeof OPERATORS)[number];

export type QueryNode =
  | { kind: 'and'; items: QueryNode[] }
  | { kind: 'or'; items: QueryNode[] }
  | { kind: 'not'; item: QueryNode; position: number }
  /** One word or a run of word characters; `tokens` as the tokenizer splits it. */
  | { kind: 'keyword'; tokens: string[]; text: string; position: number }
  | { kind: 'phrase'; tokens: string[]; text: string; position: number }
  | { kind: 'mention' | 'hashtag' | 'cashtag'; value: string; position: number }
  | { kind: 'operator'; name: OperatorName; value: string; position: number };

/** A query X would refuse, with X's message and the 1-based position it names. */
export class QueryError extends Error {
  constructor(
    readonly detail: string,
    readonly position: number,
  ) {
    super(`${detail} (at position ${position})`);
  }
}

const WORD = /[\p{L}\p{M}\p{N}_]+/gu;
const CJK = /[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uac00-\ud7af]/u;

/** Splits text into the lowercase word tokens keywords match against. */
export function tokenize(text: string): string[] {
  return text.toLowerCase().match(WORD) ?? [];
}

/** Chinese, Japanese and Korean are written without spaces: those keywords match as substrings. */
export function isCjk(text: string): boolean {
  return CJK.test(text);
}
