// Admin API (not X): reading the `media` a test or demo attaches to a post, with X's limits
// (one to four photos, or one video, or one GIF; alt text up to 1,000 characters) and https URLs.
import { MAX_PHOTOS, MEDIA_TYPES, type MediaInput, type MediaType, type SandboxMedia } from '../state/media';
import { AdminInputError } from './admin-input';
import { isRecord } from './common';

const FIELDS = ['type', 'url', 'preview_image_url', 'width', 'height', 'alt_text', 'duration_ms'];
const MAX_ALT_TEXT = 1_000;
const MAX_SIDE = 10_000;
/** X's longest video (premium accounts): four hours. */
const MAX_DURATION_MS = 4 * 60 * 60 * 1000;

/** The body's `media`, checked; [] when there is none. */
export function mediaInput(body: Record<string, unknown>): MediaInput[] {
  const value = body.media;
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new AdminInputError('media must be an array of {type, url?, preview_image_url?, width?, height?, alt_text?}');
  const items = value.map((item: unknown, index) => mediaItem(item, `media[${index}]`));
  const photos = items.filter((item) => item.type === 'photo').length;
  if (photos !== items.length && items.length > 1) throw new AdminInputError('media: a video or animated_gif must be the only media of its post');
  if (photos > MAX_PHOTOS) throw new AdminInputError(`media: at most ${MAX_PHOTOS} photos per post`);
  return items;
}

function mediaItem(item: unknown, name: string): MediaInput {
  if (!isRecord(item)) throw new AdminInputError(`${name} must be an object`);
  for (const key of Object.keys(item)) {
    if (!FIELDS.includes(key)) throw new AdminInputError(`${name}.${key} is not one of ${FIELDS.join(', ')}`);
  }
  const type = item.type;
  if (typeof type !== 'string' || !MEDIA_TYPES.includes(type as MediaType)) throw new AdminInputError(`${name}.type must be one of ${MEDIA_TYPES.join(', ')}`);
  const media: MediaInput = { type: type as MediaType };
  const url = httpsUrl(item.url, `${name}.url`);
  if (url !== undefined) media.url = url;
  const preview = httpsUrl(item.preview_image_url, `${name}.preview_image_url`);
  if (preview !== undefined) {
    if (media.type === 'photo') throw new AdminInputError(`${name}.preview_image_url is for a video or animated_gif; a photo's picture is its url`);
    media.previewImageUrl = preview;
  }
  const width = integer(item.width, `${name}.width`, MAX_SIDE);
  if (width !== undefined) media.width = width;
  const height = integer(item.height, `${name}.height`, MAX_SIDE);
  if (height !== undefined) media.height = height;
  const duration = integer(item.duration_ms, `${name}.duration_ms`, MAX_DURATION_MS);
  if (duration !== undefined) {
    if (media.type !== 'video') throw new AdminInputError(`${name}.duration_ms is for a video only`);
    media.durationMs = duration;
  }
  if (item.alt_text !== undefined && item.alt_text !== null) {
    if (typeof item.alt_text !== 'string' || [...item.alt_text].length > MAX_ALT_TEXT) throw new AdminInputError(`${name}.alt_text must be a string of at most ${MAX_ALT_TEXT} characters`);
    media.altText = item.alt_text;
  }
  return media;
}

function httpsUrl(value: unknown, name: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new AdminInputError(`${name} must be an https URL`);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new AdminInputError(`${name} must be an https URL`);
  }
  if (url.protocol !== 'https:') throw new AdminInputError(`${name} must be an https URL (X serves media over https only)`);
  return url.href;
}

function integer(value: unknown, name: string, max: number): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max) throw new AdminInputError(`${name} must be a whole number from 1 to ${max}`);
  return value;
}

/** A post's media as GET /_sandbox/posts lists it. */
export function describeMedia(media: SandboxMedia) {
  return {
    media_key: media.key,
    type: media.type,
    url: media.url,
    preview_image_url: media.previewImageUrl,
    width: media.width,
    height: media.height,
    alt_text: media.altText,
  };
}
