// How a post card presents counts, media and its link to X.
import { postUrl, type PostMedia, type PostMetrics, type PostView } from '../../../shared/domain';

/** 7, 1.2K, 34K, 5.6M: short enough for a dense card. */
export function compactCount(value: number): string {
  if (value < 1_000) return String(Math.max(0, Math.floor(value)));
  const [divisor, suffix] = value < 1_000_000 ? [1_000, 'K'] : [1_000_000, 'M'];
  const scaled = value / divisor;
  const text = scaled < 10 ? (Math.floor(scaled * 10) / 10).toFixed(1).replace(/\.0$/, '') : String(Math.floor(scaled));
  return `${text}${suffix}`;
}

export interface CountView {
  kind: 'replies' | 'reposts' | 'likes';
  short: string;
  /** For screen readers and tooltips: "3 replies". */
  label: string;
}

const NOUNS = { replies: ['reply', 'replies'], reposts: ['repost', 'reposts'], likes: ['like', 'likes'] } as const;
const WHOLE = new Intl.NumberFormat('en-US');

export function postCounts(metrics: PostMetrics | null): CountView[] {
  if (!metrics) return [];
  return (['replies', 'reposts', 'likes'] as const).map((kind) => {
    const value = metrics[kind];
    return { kind, short: compactCount(value), label: `${WHOLE.format(value)} ${NOUNS[kind][value === 1 ? 0 : 1]}` };
  });
}

/** The post on X; only ever an https address (anything else is not offered). */
export function openOnXHref(post: Pick<PostView, 'id' | 'author'>): string | null {
  try {
    const url = new URL(postUrl(post.author.username, post.id));
    return url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

export interface Thumbnail {
  key: string;
  src: string;
  alt: string;
  /** Videos and GIFs get a play mark over the picture. */
  playable: boolean;
}

const httpsOnly = (url: string | null): string | null => {
  if (!url) return null;
  try {
    return new URL(url).protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
};

/** Up to four pictures (X's own maximum), https only, with their alt text. */
export function thumbnails(media: readonly PostMedia[]): Thumbnail[] {
  const result: Thumbnail[] = [];
  for (const item of media) {
    const src = httpsOnly(item.previewUrl ?? item.url) ?? httpsOnly(item.url);
    if (!src) continue;
    const playable = item.type !== 'photo';
    result.push({ key: item.key, src, alt: item.altText?.trim() || (playable ? 'Video' : 'Image'), playable });
    if (result.length === 4) break;
  }
  return result;
}
