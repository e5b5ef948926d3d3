// What a person types in "Search archive" → an FTS5 MATCH expression that cannot be a syntax
// error. Words are ANDed; "quoted phrases" stay phrases; -word excludes; from:user searches the
// author; the last word matches as a prefix while the user is still typing it.

export interface ArchiveQuery {
  /** The MATCH expression, or null when the input has nothing to search for. */
  match: string | null;
}

interface Term {
  text: string;
  phrase: boolean;
  negated: boolean;
  author: boolean;
}

const TOKEN = /(-?)(from:)?(?:"([^"]*)"?|(\S+))/g;
const HAS_WORD = /[\p{L}\p{N}]/u;

function parseTerms(input: string): Term[] {
  const terms: Term[] = [];
  for (const match of input.matchAll(TOKEN)) {
    const [, minus, from, quoted, bare] = match;
    const raw = (quoted ?? bare ?? '').replace(/^[@#$]+/, '');
    if (!HAS_WORD.test(raw)) continue;
    terms.push({ text: raw, phrase: quoted !== undefined, negated: minus === '-', author: from !== undefined });
  }
  return terms;
}

const quote = (text: string) => `"${text.replace(/"/g, '""')}"`;

export function toFtsQuery(input: string): ArchiveQuery {
  const terms = parseTerms(input);
  const stillTyping = input.length > 0 && !/\s$/.test(input) && !input.endsWith('"');
  const positive: string[] = [];
  const negative: string[] = [];
  terms.forEach((term, index) => {
    const isLast = index === terms.length - 1;
    // A prefix needs two characters: one-letter prefixes would scan most of the index.
    const prefix = isLast && stillTyping && !term.phrase && Array.from(term.text).length >= 2 ? '*' : '';
    const expression = `${term.author ? 'author : ' : ''}${quote(term.text)}${prefix}`;
    (term.negated ? negative : positive).push(expression);
  });
  if (positive.length === 0) return { match: null };
  const base = positive.length === 1 ? positive[0]! : `(${positive.join(' AND ')})`;
  return { match: [base, ...negative].join(' NOT ') };
}
