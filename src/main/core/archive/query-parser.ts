// What a person types in "Search archive" (or an archive column's query) → a tree of terms and
// operators, in the X search syntax the search column's hint and query builder teach:
//   words (all required)   "exact phrase"   a OR b   -excluded   ( grouping )
//   #hashtag  $cashtag  @user  from:user  to:user  lang:xx
//   is:retweet is:reply is:quote is:verified   has:links has:media has:mentions has:hashtags
//   since:YYYY-MM-DD (from that day on)   until:YYYY-MM-DD (before that day)
// since: and until: read as X's advanced search reads them: whole days in UTC, since: including
// its day, until: excluding it (the From / To date fields are the local, both-included way).
// Never throws: unbalanced quotes and parentheses close at the end, stray ones are skipped, and
// control characters (a NUL pasted in) are spaces.

import { isCalendarDate } from '../../../shared/date-range';

export type Flag = 'retweet' | 'reply' | 'quote' | 'verified' | 'links' | 'media' | 'mentions' | 'hashtags';

export type QueryNode =
  /** Words matched in the post text or its author's username and name; `prefix` while typing. */
  | { kind: 'text'; text: string; phrase: boolean; prefix: boolean }
  | { kind: 'from'; username: string; prefix: boolean }
  | { kind: 'to'; username: string }
  | { kind: 'tag'; sigil: '#' | '$'; tag: string; prefix: boolean }
  | { kind: 'lang'; code: string }
  | { kind: 'flag'; flag: Flag }
  /** Posts made at `at` or later (since:), or before it (until:); `at` is an ISO instant. */
  | { kind: 'date'; bound: 'since' | 'until'; at: string }
  | { kind: 'not'; node: QueryNode }
  | { kind: 'and'; nodes: QueryNode[] }
  | { kind: 'or'; nodes: QueryNode[] };

type Token =
  | { kind: 'open' | 'close' | 'or' | 'and' | 'minus' }
  | { kind: 'word'; text: string; last: boolean }
  | { kind: 'phrase'; text: string };

const IS_FLAGS: Readonly<Record<string, Flag>> = { retweet: 'retweet', reply: 'reply', quote: 'quote', verified: 'verified' };
const HAS_FLAGS: Readonly<Record<string, Flag>> = { links: 'links', media: 'media', mentions: 'mentions', hashtags: 'hashtags' };

const HAS_WORD = /[\p{L}\p{N}]/u;
// A lone surrogate cannot be encoded for SQLite either.
const CONTROL = /[\p{Cc}\p{Cs}]/gu;
const TOKEN = /\s+|(\()|(\))|(-)(?=[^\s)])|"([^"]*)("?)|([^\s()"]+)/gy;
// A prefix needs two characters: one-letter prefixes would scan most of the index.
const MIN_PREFIX = 2;

function tokenize(raw: string): Token[] {
  const input = raw.replace(CONTROL, ' ');
  const stillTyping = input !== '' && !/[\s")]$/.test(input);
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  for (let match = TOKEN.exec(input); match !== null; match = TOKEN.exec(input)) {
    const [, open, close, minus, phrase, , word] = match;
    if (open) tokens.push({ kind: 'open' });
    else if (close) tokens.push({ kind: 'close' });
    else if (minus) tokens.push({ kind: 'minus' });
    else if (phrase !== undefined) tokens.push({ kind: 'phrase', text: phrase });
    else if (word === 'OR') tokens.push({ kind: 'or' });
    else if (word === 'AND') tokens.push({ kind: 'and' });
    else if (word !== undefined) tokens.push({ kind: 'word', text: word, last: stillTyping && TOKEN.lastIndex === input.length });
  }
  return tokens;
}

const prefixable = (token: { last: boolean }, text: string) => token.last && Array.from(text).length >= MIN_PREFIX;

/** One word: an operator when it is one, else text (a "-" or "#" alone, or "***", is nothing). */
function termOf(token: { text: string; last: boolean }): QueryNode | null {
  const operator = /^(from|to|lang|is|has|since|until):(.*)$/i.exec(token.text);
  if (operator) {
    const key = operator[1]!.toLowerCase();
    const value = operator[2]!.replace(/^@/, '');
    if ((key === 'from' || key === 'to') && /^\w+$/.test(value)) {
      return key === 'from' ? { kind: 'from', username: value.toLowerCase(), prefix: prefixable(token, value) } : { kind: 'to', username: value.toLowerCase() };
    }
    if (key === 'lang' && /^[a-z]{2,3}(-[a-z]{2,4})?$/i.test(value)) return { kind: 'lang', code: value.toLowerCase() };
    if (key === 'since' || key === 'until') return isCalendarDate(value) ? { kind: 'date', bound: key, at: `${value}T00:00:00.000Z` } : null; // half typed: no constraint yet
    const flag = key === 'is' ? IS_FLAGS[value.toLowerCase()] : key === 'has' ? HAS_FLAGS[value.toLowerCase()] : undefined;
    if (flag) return { kind: 'flag', flag };
    if (key === 'is' || key === 'has' || value === '') return null; // an operator we do not know (or half typed): no constraint
  }
  const tag = /^([#$])([\p{L}\p{N}_]+)$/u.exec(token.text);
  if (tag) return { kind: 'tag', sigil: tag[1] === '#' ? '#' : '$', tag: tag[2]!.toLowerCase(), prefix: prefixable(token, tag[2]!) };
  const text = token.text.replace(/^[@#$]+/, '');
  if (!HAS_WORD.test(text)) return null;
  return { kind: 'text', text, phrase: false, prefix: prefixable(token, text) };
}

class Parser {
  private index = 0;
  /** How many "(" are open: a ")" with none open is a stray one, skipped. */
  private depth = 0;

  constructor(private readonly tokens: readonly Token[]) {}

  parse(): QueryNode | null {
    const nodes: QueryNode[] = [];
    while (this.index < this.tokens.length) {
      const node = this.or();
      if (node) nodes.push(node);
      else this.index++; // a leading "OR": skipped
    }
    return combine('and', nodes);
  }

  private peek(): Token | undefined {
    return this.tokens[this.index];
  }

  private or(): QueryNode | null {
    const nodes: QueryNode[] = [];
    const first = this.and();
    if (first) nodes.push(first);
    while (this.peek()?.kind === 'or') {
      this.index++;
      const next = this.and();
      if (next) nodes.push(next);
    }
    return combine('or', nodes);
  }

  private and(): QueryNode | null {
    const nodes: QueryNode[] = [];
    for (let token = this.peek(); token && token.kind !== 'or' && (token.kind !== 'close' || this.depth === 0); token = this.peek()) {
      if (token.kind === 'and' || (token.kind === 'close' && this.depth === 0)) {
        this.index++;
        continue;
      }
      const node = this.unary();
      if (node) nodes.push(node);
    }
    return combine('and', nodes);
  }

  private unary(): QueryNode | null {
    const token = this.tokens[this.index++]!;
    if (token.kind === 'minus') {
      const next = this.peek();
      if (!next || next.kind === 'or' || next.kind === 'close' || next.kind === 'and') return null;
      const node = this.unary();
      return node ? { kind: 'not', node } : null;
    }
    if (token.kind === 'open') {
      this.depth++;
      const node = this.or();
      this.depth--;
      if (this.peek()?.kind === 'close') this.index++; // an unclosed group closes at the end
      return node;
    }
    if (token.kind === 'phrase') return HAS_WORD.test(token.text) ? { kind: 'text', text: token.text, phrase: true, prefix: false } : null;
    if (token.kind === 'word') return termOf(token);
    return null;
  }
}

function combine(kind: 'and' | 'or', nodes: QueryNode[]): QueryNode | null {
  if (nodes.length <= 1) return nodes[0] ?? null;
  return { kind, nodes: nodes.flatMap((node) => (node.kind === kind ? node.nodes : [node])) };
}

/** The query's tree, or null when it holds nothing to search for. */
export function parseArchiveQuery(input: string): QueryNode | null {
  return new Parser(tokenize(input)).parse();
}
