// Finds links, @mentions, #hashtags and $cashtags in a post as its author typed it, and renders
// the text X sends: links replaced by t.co, HTML-escaped, entity offsets in code points of that
// escaped text, and, past 280 code points, a cut `text` with the whole post in `note_tweet`.
import { codePointLength, codePointSlice, escapeXText } from './escape';
import { displayUrl, expandUrl } from './tco';

export interface WireUrlEntity {
  start: number;
  end: number;
  url: string;
  expanded_url: string;
  display_url: string;
  /** Set on the t.co link X adds for attached media (one entity per media item, same span). */
  media_key?: string;
}
export interface WireMentionEntity {
  start: number;
  end: number;
  username: string;
  id?: string;
}
export interface WireTagEntity {
  start: number;
  end: number;
  tag: string;
}
export interface WireEntities {
  urls?: WireUrlEntity[];
  mentions?: WireMentionEntity[];
  hashtags?: WireTagEntity[];
  cashtags?: WireTagEntity[];
}
export interface RenderedText {
  text: string;
  entities: WireEntities | null;
}

export interface AnalysedText {
  /** The whole post as X sends it. */
  full: RenderedText;
  /** For posts over 280 code points: the cut `text`; `full` then goes in `note_tweet`. */
  truncated: RenderedText | null;
  mentions: string[];
  hashtags: string[];
  cashtags: string[];
  /** Expanded links, as typed (with a scheme added). */
  urls: string[];
}

type Piece =
  | { kind: 'plain'; out: string }
  | { kind: 'url'; out: string; expanded: string }
  | { kind: 'media'; out: string; attached: readonly AttachedMedia[] }
  | { kind: 'mention'; out: string; username: string; id: string | undefined }
  | { kind: 'hashtag' | 'cashtag'; out: string; tag: string };

export const NOTE_THRESHOLD = 280;
const TCO_PREFIX = 'https://t.co/';
const URL_PATTERN = /(?<![\p{L}\p{N}_@./-])(?:https?:\/\/|www\.)[^\s<>"`]+/giu;
const TRAILING_PUNCTUATION = /[.,!?;:)\]}'"»…]+$/u;
const ENTITY_PATTERN =
  /(?<![\p{L}\p{N}_!#$%&*@＠])[@＠]([A-Za-z0-9_]{1,15})(?![A-Za-z0-9_@＠])|(?<![\p{L}\p{M}\p{N}_&])[#＃]([\p{L}\p{M}\p{N}_]*\p{L}[\p{L}\p{M}\p{N}_]*)|(?<![\p{L}\p{N}_$])\$([A-Za-z]{1,6}(?:[._][A-Za-z]{1,2})?)(?![\p{L}\p{N}_])/gu;

export interface TextContext {
  /** A fresh t.co link for each link in the post. */
  wrapLink(): string;
  /** The id of a known account, for mention entities. */
  userIdOf(username: string): string | undefined;
}

/** A media item the trailing t.co link points to. */
export interface AttachedMedia {
  readonly key: string;
  readonly expandedUrl: string;
}

/** `media`: the post's attachments; X ends the text with one t.co link to them (not counted in the 280). */
export function analyseText(raw: string, context: TextContext, media: readonly AttachedMedia[] = []): AnalysedText {
  const pieces: Piece[] = [];
  let cursor = 0;
  URL_PATTERN.lastIndex = 0;
  for (let match = URL_PATTERN.exec(raw); match; match = URL_PATTERN.exec(raw)) {
    const typed = match[0].replace(TRAILING_PUNCTUATION, '');
    if (typed.length < 8 || !typed.includes('.')) continue;
    addTagged(pieces, raw.slice(cursor, match.index), context);
    pieces.push({ kind: 'url', out: context.wrapLink(), expanded: expandUrl(typed) });
    cursor = match.index + typed.length;
    URL_PATTERN.lastIndex = cursor;
  }
  addTagged(pieces, raw.slice(cursor), context);

  let length = 0;
  for (const piece of pieces) length += codePointLength(piece.out);
  const long = length > NOTE_THRESHOLD;
  const typed = media.length > 0 ? [...pieces] : pieces;
  if (media.length > 0) {
    if (raw !== '' && !/\s$/u.test(raw)) pieces.push({ kind: 'plain', out: ' ' });
    pieces.push({ kind: 'media', out: context.wrapLink(), attached: media });
  }
  const analysed: AnalysedText = {
    full: render(pieces, Infinity),
    truncated: long ? render(typed, NOTE_THRESHOLD - 1) : null,
    mentions: [],
    hashtags: [],
    cashtags: [],
    urls: [],
  };
  for (const piece of pieces) {
    if (piece.kind === 'mention') analysed.mentions.push(piece.username.toLowerCase());
    else if (piece.kind === 'hashtag') analysed.hashtags.push(piece.tag.toLowerCase());
    else if (piece.kind === 'cashtag') analysed.cashtags.push(piece.tag.toLowerCase());
    else if (piece.kind === 'url') analysed.urls.push(piece.expanded);
  }
  return analysed;
}

function addTagged(pieces: Piece[], segment: string, context: TextContext): void {
  if (segment.length === 0) return;
  let cursor = 0;
  ENTITY_PATTERN.lastIndex = 0;
  for (let match = ENTITY_PATTERN.exec(segment); match; match = ENTITY_PATTERN.exec(segment)) {
    if (match.index > cursor) pieces.push({ kind: 'plain', out: segment.slice(cursor, match.index) });
    const [out, username, hashtag, cashtag] = match;
    if (username !== undefined) pieces.push({ kind: 'mention', out, username, id: context.userIdOf(username) });
    else if (hashtag !== undefined) pieces.push({ kind: 'hashtag', out, tag: hashtag });
    else pieces.push({ kind: 'cashtag', out, tag: cashtag! });
    cursor = match.index + out.length;
  }
  if (cursor < segment.length) pieces.push({ kind: 'plain', out: segment.slice(cursor) });
}

/** Renders pieces as X's escaped text, keeping at most `limit` code points of unescaped text. */
function render(pieces: readonly Piece[], limit: number): RenderedText {
  let text = '';
  let offset = 0;
  let used = 0;
  let cut = false;
  const entities: Required<WireEntities> = { urls: [], mentions: [], hashtags: [], cashtags: [] };
  for (const piece of pieces) {
    const length = codePointLength(piece.out);
    if (used + length > limit) {
      // Never cut an entity in two: a cut plain run keeps what fits, an entity is left out.
      if (piece.kind === 'plain') text += escapeXText(codePointSlice(piece.out, limit - used));
      cut = true;
      break;
    }
    used += length;
    const escaped = escapeXText(piece.out);
    const start = offset;
    const end = (offset += escaped === piece.out ? length : codePointLength(escaped));
    text += escaped;
    switch (piece.kind) {
      case 'url':
        entities.urls.push({ start, end, url: piece.out, expanded_url: piece.expanded, display_url: displayUrl(piece.expanded) });
        break;
      case 'media':
        for (const item of piece.attached) {
          entities.urls.push({ start, end, url: piece.out, expanded_url: item.expandedUrl, display_url: `pic.x.com/${piece.out.slice(TCO_PREFIX.length)}`, media_key: item.key });
        }
        break;
      case 'mention':
        entities.mentions.push(piece.id ? { start, end, username: piece.username, id: piece.id } : { start, end, username: piece.username });
        break;
      case 'hashtag':
      case 'cashtag':
        entities[`${piece.kind}s`].push({ start, end, tag: piece.tag });
        break;
      case 'plain':
        break;
    }
  }
  if (cut) text += '…';
  return { text, entities: compactEntities(entities) };
}

/** X leaves out empty entity lists, and `entities` itself when there are none. */
function compactEntities(all: Required<WireEntities>): WireEntities | null {
  const out: WireEntities = {};
  if (all.urls.length > 0) out.urls = all.urls;
  if (all.mentions.length > 0) out.mentions = all.mentions;
  if (all.hashtags.length > 0) out.hashtags = all.hashtags;
  if (all.cashtags.length > 0) out.cashtags = all.cashtags;
  return Object.keys(out).length > 0 ? out : null;
}
