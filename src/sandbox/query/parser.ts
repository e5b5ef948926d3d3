// Parses X's query language: terms (AND), OR, "exact phrases", -negation, parentheses, @, #, $
// and field operators; refuses what X refuses, with messages in X's style.
import { OPERATORS, QueryError, tokenize, type OperatorName, type QueryNode } from './ast';

type Token =
  | { type: 'open' | 'close' | 'or' | 'not'; position: number }
  | { type: 'phrase'; text: string; position: number }
  | { type: 'word'; text: string; position: number };

const IS_VALUES = new Set(['retweet', 'reply', 'quote', 'verified', 'nullcast']);
const HAS_VALUES = new Set(['links', 'media', 'images', 'videos', 'mentions', 'hashtags', 'cashtags', 'geo']);
/** Operators that cannot stand alone: X requires a keyword, phrase or stand-alone operator beside them. */
const CONJUNCTION_REQUIRED = new Set<OperatorName>(['is', 'has', 'lang']);
const ID = /^[0-9]{1,19}$/;
const USER = /^(?:[A-Za-z0-9_]{1,15}|[0-9]{1,19})$/;
const LANG = /^(?:[a-z]{2,3}(?:-[a-z]{2,4})?|und)$/i;
const OPERATOR_WORD = /^([A-Za-z][A-Za-z_]*):(.*)$/s;

function lex(query: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  while (index < query.length) {
    const char = query[index]!;
    const position = index + 1;
    if (/\s/.test(char)) {
      index++;
    } else if (char === '(' || char === ')') {
      tokens.push({ type: char === '(' ? 'open' : 'close', position });
      index++;
    } else if (char === '"') {
      const end = query.indexOf('"', index + 1);
      if (end < 0) throw new QueryError(`token recognition error at: '${query.slice(index)}'`, position);
      tokens.push({ type: 'phrase', text: query.slice(index + 1, end), position });
      index = end + 1;
    } else if (char === '-' && index + 1 < query.length && !/[\s)]/.test(query[index + 1]!)) {
      tokens.push({ type: 'not', position });
      index++;
    } else {
      let end = index;
      while (end < query.length && !/[\s()]/.test(query[end]!)) {
        // An operator's value may be quoted: url:"example.com/a b".
        if (query[end] === '"' && query[end - 1] === ':') {
          const close = query.indexOf('"', end + 1);
          if (close < 0) throw new QueryError(`token recognition error at: '${query.slice(end)}'`, end + 1);
          end = close + 1;
        } else end++;
      }
      const text = query.slice(index, end);
      tokens.push(text === 'OR' ? { type: 'or', position } : { type: 'word', text, position });
      index = end;
    }
  }
  return tokens;
}

class Parser {
  private index = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly length: number,
  ) {}

  parse(): QueryNode {
    if (this.tokens.length === 0) throw new QueryError('no viable alternative at input \'<EOF>\'', 1);
    const node = this.or();
    const extra = this.tokens[this.index];
    if (extra) throw new QueryError(`extraneous input '${describe(extra)}' expecting <EOF>`, extra.position);
    return node;
  }

  private or(): QueryNode {
    const items = [this.and()];
    while (this.peek()?.type === 'or') {
      this.index++;
      items.push(this.and());
    }
    return items.length === 1 ? items[0]! : { kind: 'or', items };
  }

  private and(): QueryNode {
    const items: QueryNode[] = [];
    for (let next = this.peek(); next && next.type !== 'or' && next.type !== 'close'; next = this.peek()) items.push(this.unary());
    if (items.length === 0) {
      const at = this.peek();
      throw new QueryError(`no viable alternative at input '${at ? describe(at) : '<EOF>'}'`, at?.position ?? this.length + 1);
    }
    return items.length === 1 ? items[0]! : { kind: 'and', items };
  }

  private unary(): QueryNode {
    const token = this.tokens[this.index++]!;
    if (token.type === 'not') {
      const next = this.peek();
      if (!next || next.type === 'or' || next.type === 'close' || next.type === 'not') {
        throw new QueryError(`no viable alternative at input '-${next ? describe(next) : '<EOF>'}'`, token.position);
      }
      return { kind: 'not', item: this.unary(), position: token.position };
    }
    if (token.type === 'open') {
      if (this.peek()?.type === 'close') throw new QueryError("no viable alternative at input '()'", token.position);
      const inner = this.or();
      const close = this.tokens[this.index++];
      if (close?.type !== 'close') throw new QueryError(`missing ')' at '${close ? describe(close) : '<EOF>'}'`, close?.position ?? this.length + 1);
      return inner;
    }
    if (token.type === 'phrase') {
      const tokens = tokenize(token.text);
      if (token.text.trim() === '') throw new QueryError("no viable alternative at input '\"\"'", token.position);
      return { kind: 'phrase', tokens, text: token.text.toLowerCase(), position: token.position };
    }
    if (token.type === 'word') return word(token.text, token.position);
    throw new QueryError(`no viable alternative at input '${describe(token)}'`, token.position);
  }

  private peek(): Token | undefined {
    return this.tokens[this.index];
  }
}

function describe(token: Token): string {
  switch (token.type) {
    case 'open':
      return '(';
    case 'close':
      return ')';
    case 'or':
      return 'OR';
    case 'not':
      return '-';
    case 'phrase':
      return `"${token.text}"`;
    case 'word':
      return token.text;
  }
}

function word(text: string, position: number): QueryNode {
  const first = text[0]!;
  const rest = text.slice(1);
  if ((first === '@' || first === '＠') && /^[A-Za-z0-9_]{1,15}$/.test(rest)) return { kind: 'mention', value: rest.toLowerCase(), position };
  if ((first === '#' || first === '＃') && /^[\p{L}\p{M}\p{N}_]*\p{L}[\p{L}\p{M}\p{N}_]*$/u.test(rest)) return { kind: 'hashtag', value: rest.toLowerCase(), position };
  if (first === '$' && /^[A-Za-z]{1,6}(?:[._][A-Za-z]{1,2})?$/.test(rest)) return { kind: 'cashtag', value: rest.toLowerCase(), position };
  const operator = OPERATOR_WORD.exec(text);
  if (operator) return operatorNode(operator[1]!.toLowerCase(), operator[2]!, position);
  return { kind: 'keyword', tokens: tokenize(text), text: text.toLowerCase(), position };
}

function operatorNode(name: string, rawValue: string, position: number): QueryNode {
  if (!(OPERATORS as readonly string[]).includes(name)) throw new QueryError(`Reference to invalid field '${name}'`, position);
  const operator = name as OperatorName;
  const value = rawValue.startsWith('"') && rawValue.endsWith('"') && rawValue.length >= 2 ? rawValue.slice(1, -1) : rawValue;
  if (value === '') throw new QueryError(`no viable alternative at input '${name}:'`, position);
  const invalid = () => new QueryError(`Reference to invalid operator '${name}:${value}'. Operator is not available in current product or product packaging`, position);
  switch (operator) {
    case 'is':
      if (!IS_VALUES.has(value.toLowerCase())) throw invalid();
      break;
    case 'has':
      if (!HAS_VALUES.has(value.toLowerCase())) throw invalid();
      break;
    case 'lang':
      if (!LANG.test(value)) throw new QueryError(`Invalid value for operator 'lang': '${value}'`, position);
      break;
    case 'from':
    case 'to':
      if (!USER.test(value.replace(/^@/, ''))) throw new QueryError(`Invalid value for operator '${name}': '${value}'`, position);
      return { kind: 'operator', name: operator, value: value.replace(/^@/, '').toLowerCase(), position };
    case 'conversation_id':
    case 'in_reply_to_tweet_id':
    case 'quotes_of_tweet_id':
      if (!ID.test(value)) throw new QueryError(`Invalid value for operator '${name}': '${value}'`, position);
      break;
    case 'retweets_of':
    case 'url':
      break;
  }
  return { kind: 'operator', name: operator, value: value.toLowerCase(), position };
}

/** True when the node can match on its own: it holds a positive keyword, phrase or stand-alone operator. */
function standsAlone(node: QueryNode): boolean {
  switch (node.kind) {
    case 'and':
      return node.items.some(standsAlone);
    case 'or':
      return node.items.every(standsAlone);
    case 'not':
      return false;
    case 'operator':
      return !CONJUNCTION_REQUIRED.has(node.name);
    default:
      return true;
  }
}

function hasPositive(node: QueryNode): boolean {
  if (node.kind === 'not') return false;
  if (node.kind === 'and') return node.items.some(hasPositive);
  if (node.kind === 'or') return node.items.every(hasPositive);
  return true;
}

function firstOperator(node: QueryNode): (QueryNode & { kind: 'operator' }) | null {
  if (node.kind === 'operator') return node;
  if (node.kind === 'and' || node.kind === 'or') {
    for (const item of node.items) {
      const found = firstOperator(item);
      if (found) return found;
    }
  }
  return null;
}

/** Parses a query or rule; throws QueryError with X's message when X would refuse it. */
export function parseQuery(query: string): QueryNode {
  const node = new Parser(lex(query), query.length).parse();
  if (!hasPositive(node)) throw new QueryError('Rules must contain a non-negation term', 1);
  if (!standsAlone(node)) {
    const operator = firstOperator(node);
    const name = operator ? `${operator.name}:${operator.value}` : query;
    throw new QueryError(`'${name}' is a conjunction-required operator: rules must also contain a positive keyword, phrase or stand-alone operator`, operator?.position ?? 1);
  }
  return node;
}
