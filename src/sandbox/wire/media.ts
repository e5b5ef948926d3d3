// Media objects as X's JSON (Photo, Video, AnimatedGif): media_key and type always, the rest as
// `media.fields` asks. X leaves out what a type does not have (no `url` on a video, no
// `duration_ms` on a photo).
import type { MediaVariant, SandboxMedia } from '../state/media';

export interface WireMedia {
  media_key: string;
  type: string;
  url?: string;
  preview_image_url?: string;
  width?: number;
  height?: number;
  alt_text?: string;
  duration_ms?: number;
  variants?: MediaVariant[];
  public_metrics?: { view_count: number };
}

export function renderMedia(media: SandboxMedia, fields: ReadonlySet<string>): WireMedia {
  const out: WireMedia = { media_key: media.key, type: media.type };
  for (const field of fields) {
    switch (field) {
      case 'url':
        if (media.url) out.url = media.url;
        break;
      case 'preview_image_url':
        if (media.previewImageUrl) out.preview_image_url = media.previewImageUrl;
        break;
      case 'width':
        out.width = media.width;
        break;
      case 'height':
        out.height = media.height;
        break;
      case 'alt_text':
        if (media.altText !== null) out.alt_text = media.altText;
        break;
      case 'duration_ms':
        if (media.durationMs !== null) out.duration_ms = media.durationMs;
        break;
      case 'variants':
        if (media.variants) out.variants = media.variants.map((variant) => ({ ...variant }));
        break;
      case 'public_metrics':
        if (media.type === 'video') out.public_metrics = { view_count: media.viewCount };
        break;
    }
  }
  return out;
}
