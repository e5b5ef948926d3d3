// X sends post text HTML-escaped (only &, < and >) and counts entity offsets in Unicode code
// points of that escaped text.

const NEEDS_ESCAPE = /[&<>]/;
const ESCAPE_ALL = /[&<>]/g;
const REPLACEMENTS: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

export function escapeXText(text: string): string {
  return NEEDS_ESCAPE.test(text) ? text.replace(ESCAPE_ALL, (char) => REPLACEMENTS[char]!) : text;
}

/** Unicode code points in `text` (a surrogate pair counts once, as X counts it). */
export function codePointLength(text: string): number {
  let count = 0;
  for (let index = 0; index < text.length; index++) {
    const unit = text.charCodeAt(index);
    if (unit < 0xdc00 || unit > 0xdfff || index === 0 || !isHighSurrogate(text.charCodeAt(index - 1))) count++;
  }
  return count;
}

function isHighSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff;
}

/** The first `limit` code points of `text`. */
export function codePointSlice(text: string, limit: number): string {
  let count = 0;
  let index = 0;
  while (index < text.length && count < limit) {
    index += isHighSurrogate(text.charCodeAt(index)) && index + 1 < text.length ? 2 : 1;
    count++;
  }
  return text.slice(0, index);
}
