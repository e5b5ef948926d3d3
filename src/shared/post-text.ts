// Turns a post's text and entities into segments the renderer interpolates (never as HTML).
import type { PostEntities } from './domain';

export type TextSegment =
  | { kind: 'text'; text: string }
  | { kind: 'link'; text: string; href: string }
  | { kind: 'mention'; text: string; username: string }
  | { kind: 'hashtag'; text: string; tag: string }
  | { kind: 'cashtag'; text: string; tag: string };

type Span = { start: number; end: number; segment: TextSegment };

/** Only web links become anchors; anything else (javascript:, data:, …) stays plain text. */
export function safeHref(candidate: string): string | null {
  try {
    const url = new URL(candidate);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

function spansOf(entities: PostEntities, codePoints: readonly string[]): Span[] {
  const slice = (start: number, end: number) => codePoints.slice(start, end).join('');
  const spans: Span[] = [];
  for (const url of entities.urls) {
    const href = safeHref(url.expandedUrl) ?? safeHref(url.url);
    const text = url.displayUrl || slice(url.start, url.end);
    spans.push({ start: url.start, end: url.end, segment: href ? { kind: 'link', text, href } : { kind: 'text', text } });
  }
  for (const m of entities.mentions) {
    spans.push({ start: m.start, end: m.end, segment: { kind: 'mention', text: slice(m.start, m.end), username: m.username } });
  }
  for (const h of entities.hashtags) {
    spans.push({ start: h.start, end: h.end, segment: { kind: 'hashtag', text: slice(h.start, h.end), tag: h.tag } });
  }
  for (const c of entities.cashtags) {
    spans.push({ start: c.start, end: c.end, segment: { kind: 'cashtag', text: slice(c.start, c.end), tag: c.tag } });
  }
  return spans.sort((a, b) => a.start - b.start);
}

/**
 * Offsets count code points, as X counts them. Entities that are out of range or overlap an
 * earlier one are ignored rather than trusted: the text itself is never lost.
 */
export function segmentPostText(text: string, entities: PostEntities): TextSegment[] {
  const codePoints = Array.from(text);
  const segments: TextSegment[] = [];
  let cursor = 0;
  const pushText = (end: number) => {
    if (end > cursor) segments.push({ kind: 'text', text: codePoints.slice(cursor, end).join('') });
  };
  for (const span of spansOf(entities, codePoints)) {
    const valid = Number.isInteger(span.start) && Number.isInteger(span.end) && span.start >= cursor && span.end > span.start && span.end <= codePoints.length;
    if (!valid) continue;
    pushText(span.start);
    segments.push(span.segment);
    cursor = span.end;
  }
  pushText(codePoints.length);
  return segments;
}
