// The one place Deckhand reaches inside twitter-api-v2's TweetStream (1.29). The library keeps
// the connection, keep-alive timer and reconnects; Deckhand splits and decodes the body itself.
// tests/unit/stream-lines.test.ts fails if the library's insides stop looking like this.
import { ETwitterStreamEvent, type TweetStream } from 'twitter-api-v2';
import type { StreamLines } from './stream-lines';

/** What TweetStream keeps inside: the parser it feeds every data chunk to, and the response. */
interface LibraryInsides {
  parser?: { push?: unknown; reset?: unknown };
  res?: NodeJS.ReadableStream;
}

/**
 * Feeds every chunk to `lines` in the library parser's place. Its own parser loses posts: a chunk
 * that is exactly "\r\n" is taken for a keep-alive and never reaches it, so when the end of a line
 * arrives alone, that line and the next are glued into one unreadable line (seen several times per
 * 100,000 posts at full speed). The keep-alive event hands that "\r\n" back. Answers false (and
 * changes nothing) when the library changed inside: its own parser then stays.
 */
export function readLinesInPlaceOfLibrary<T>(stream: TweetStream<T>, lines: StreamLines): boolean {
  const parser = (stream as unknown as LibraryInsides).parser;
  if (typeof parser?.push !== 'function' || typeof parser.reset !== 'function') return false;
  parser.push = (chunk: string) => lines.push(chunk);
  parser.reset = () => lines.reset();
  stream.on(ETwitterStreamEvent.DataKeepAlive, () => lines.push('\r\n'));
  return true;
}

/** After each (re)connection: decode as UTF-8 across chunk boundaries (the library would split a character in two). */
export function decodeUtf8AcrossChunks<T>(stream: TweetStream<T>): boolean {
  const response = (stream as unknown as LibraryInsides).res;
  if (typeof response?.setEncoding !== 'function') return false;
  response.setEncoding('utf8');
  return true;
}
