// Media attached to posts (photos, videos, animated GIFs) as X stores them: a media key
// (`3_` photo, `7_` video, `16_` GIF, then a snowflake minted just before the post), pictures on
// pbs.twimg.com and video files on video.twimg.com in X's URL formats, and the t.co link X adds
// at the end of the post's text (display_url `pic.x.com/…`, one url entity per media item).
import { SnowflakeIds } from './ids';

export type MediaType = 'photo' | 'video' | 'animated_gif';

export const MEDIA_TYPES: readonly MediaType[] = ['photo', 'video', 'animated_gif'];
/** X: one to four photos, or one video, or one GIF. */
export const MAX_PHOTOS = 4;

/** What a caller attaches (the admin API, the traffic); everything but the type is optional. */
export interface MediaInput {
  type: MediaType;
  /** A photo's picture; for a video or GIF, its MP4 file. */
  url?: string;
  /** A video's or GIF's still picture. */
  previewImageUrl?: string;
  width?: number;
  height?: number;
  altText?: string;
  /** Videos only. */
  durationMs?: number;
}

export interface MediaVariant {
  content_type: string;
  url: string;
  bit_rate?: number;
}

export interface SandboxMedia {
  readonly key: string;
  readonly type: MediaType;
  /** Photos: the picture (X sends `url` only for photos). */
  readonly url: string | null;
  /** Videos and GIFs: the still picture. */
  readonly previewImageUrl: string | null;
  readonly width: number;
  readonly height: number;
  readonly altText: string | null;
  readonly durationMs: number | null;
  /** Videos and GIFs: the playable files. */
  readonly variants: readonly MediaVariant[] | null;
  /** Where the t.co link in the text leads: the post's photo/N or video/1 page on x.com. */
  readonly expandedUrl: string;
  /** Views, as a video's public_metrics shows them. */
  readonly viewCount: number;
}

const KEY_PREFIX: Record<MediaType, string> = { photo: '3', video: '7', animated_gif: '16' };
const DEFAULT_SIZE: Record<MediaType, [number, number]> = { photo: [1200, 900], video: [1280, 720], animated_gif: [480, 270] };
const DEFAULT_VIDEO_MS = 15_000;
/** Shared by every post without media. */
export const NO_MEDIA: readonly SandboxMedia[] = Object.freeze([]);

/** X's 15-character picture names: the media id's eight bytes in base64url, then four more. */
function pictureName(id: string): string {
  const bytes = Buffer.alloc(11);
  bytes.writeBigUInt64BE(BigInt(id));
  bytes.writeUIntBE(Number(BigInt(id) % 16_777_216n), 8, 3);
  return bytes.toString('base64url');
}

export class MediaFactory {
  private readonly ids = new SnowflakeIds(9);

  /** The post's media, keyed and addressed as X does; `statusUrl` is the post's x.com page. */
  create(inputs: readonly MediaInput[], createdAt: number, statusUrl: string): readonly SandboxMedia[] {
    return inputs.map((input, index) => {
      // Uploaded a moment before the post, so the media id is older than the post's.
      const id = this.ids.next(createdAt - 1);
      const name = pictureName(id);
      const [defaultWidth, defaultHeight] = DEFAULT_SIZE[input.type];
      const width = input.width ?? defaultWidth;
      const height = input.height ?? defaultHeight;
      const photo = input.type === 'photo';
      return {
        key: `${KEY_PREFIX[input.type]}_${id}`,
        type: input.type,
        url: photo ? (input.url ?? `https://pbs.twimg.com/media/${name}.jpg`) : null,
        previewImageUrl: photo ? null : (input.previewImageUrl ?? previewOf(input.type, id, name)),
        width,
        height,
        altText: input.altText ?? null,
        durationMs: input.type === 'video' ? (input.durationMs ?? DEFAULT_VIDEO_MS) : null,
        variants: photo ? null : variantsOf(input, id, name, width, height),
        expandedUrl: `${statusUrl}/${input.type === 'video' ? 'video' : 'photo'}/${index + 1}`,
        viewCount: 0,
      };
    });
  }
}

function previewOf(type: MediaType, id: string, name: string): string {
  return type === 'video' ? `https://pbs.twimg.com/ext_tw_video_thumb/${id}/pu/img/${name}.jpg` : `https://pbs.twimg.com/tweet_video_thumb/${name}.jpg`;
}

function variantsOf(input: MediaInput, id: string, name: string, width: number, height: number): MediaVariant[] {
  if (input.type === 'animated_gif') return [{ bit_rate: 0, content_type: 'video/mp4', url: input.url ?? `https://video.twimg.com/tweet_video/${name}.mp4` }];
  return [
    { content_type: 'application/x-mpegURL', url: `https://video.twimg.com/ext_tw_video/${id}/pu/pl/${name}.m3u8?tag=12` },
    { bit_rate: 2_176_000, content_type: 'video/mp4', url: input.url ?? `https://video.twimg.com/ext_tw_video/${id}/pu/vid/avc1/${width}x${height}/${name}.mp4?tag=12` },
  ];
}
