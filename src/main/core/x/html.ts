// X sends post text HTML-escaped and counts entity offsets in code points of that text.
// We store the text unescaped, so offsets must be moved to match.

const ESCAPES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };
const ESCAPE_PATTERN = /&(?:amp|lt|gt|quot|#39);/y;

export interface Unescaped {
  text: string;
  /** Maps a code-point offset in the escaped text to the offset in the unescaped text. */
  mapOffset(offset: number): number;
}

const unchanged = (offset: number) => offset;

export function unescapeXText(escaped: string): Unescaped {
  if (!escaped.includes('&')) return { text: escaped, mapOffset: unchanged };
  const out: string[] = [];
  // shift[i]: code points removed before escaped code point i.
  const removedBefore: number[] = [];
  let removed = 0;
  let codePoint = 0;
  let index = 0;
  while (index < escaped.length) {
    ESCAPE_PATTERN.lastIndex = index;
    const match = escaped[index] === '&' ? ESCAPE_PATTERN.exec(escaped) : null;
    if (match) {
      const length = match[0].length; // all ASCII: code units = code points
      for (let k = 0; k < length; k++) removedBefore[codePoint + k] = removed + Math.min(k, length - 1);
      out.push(ESCAPES[match[0]]!);
      removed += length - 1;
      codePoint += length;
      index += length;
      continue;
    }
    const char = String.fromCodePoint(escaped.codePointAt(index)!);
    removedBefore[codePoint] = removed;
    out.push(char);
    codePoint += 1;
    index += char.length;
  }
  removedBefore[codePoint] = removed;
  return {
    text: out.join(''),
    mapOffset: (offset) => offset - (removedBefore[Math.max(0, Math.min(offset, codePoint))] ?? removed),
  };
}
