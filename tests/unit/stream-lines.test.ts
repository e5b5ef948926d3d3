import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { FilteredStream, type GapReason } from '../../src/main/core/feeds/filtered-stream';
import { decodeUtf8AcrossChunks, readLinesInPlaceOfLibrary } from '../../src/main/core/feeds/library-stream';
import { StreamLines } from '../../src/main/core/feeds/stream-lines';
import { createXClientFactory } from '../../src/main/core/x/client';
import type { NormalisedBatch } from '../../src/main/core/x/normalize';
import { silentLogger } from '../helpers/temp';

const collect = () => {
  const lines: string[] = [];
  return { lines, splitter: new StreamLines((line) => lines.push(line)) };
};

describe('the filtered stream body as lines', () => {
  it('joins lines and their \\r\\n split anywhere across chunks, and skips keep-alives', () => {
    const { lines, splitter } = collect();
    for (const chunk of ['{"a":', '1}\r', '\n\r\n{"b":2}', '\r\n', '\r\n', '{"c":"é"}\r\n{"d"', ':4}\r\n']) splitter.push(chunk);
    expect(lines).toEqual(['{"a":1}', '{"b":2}', '{"c":"é"}', '{"d":4}']);
  });

  it('forgets a line cut by a reconnection', () => {
    const { lines, splitter } = collect();
    splitter.push('{"cut":');
    splitter.reset();
    splitter.push('{"next":1}\r\n');
    expect(lines).toEqual(['{"next":1}']);
  });
});

// X's stream as the socket may deliver it: the \r\n that ends a post can arrive as a chunk of its
// own, which twitter-api-v2 alone mistakes for a keep-alive (and then loses two posts).
describe('the filtered stream through twitter-api-v2', () => {
  let server: Server | null = null;
  let stream: FilteredStream | null = null;

  afterEach(async () => {
    stream?.stop();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    server = null;
  });

  const line = (id: string) =>
    JSON.stringify({
      data: { id, text: `post ${id}`, author_id: '42', edit_history_tweet_ids: [id] },
      includes: { users: [{ id: '42', name: 'Tom', username: 'tom' }] },
      matching_rules: [{ id: '7', tag: 'deckhand:c1' }],
    });
  const pause = () => new Promise((resolve) => setTimeout(resolve, 30));

  async function sendLinesApart(res: ServerResponse): Promise<void> {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.flushHeaders();
    for (const id of ['1900000000000000001', '1900000000000000002', '1900000000000000003']) {
      await pause();
      res.write(line(id));
      await pause();
      res.write('\r\n');
    }
    await pause();
    res.write('\r\n'); // a real keep-alive
  }

  it('delivers every post when line endings arrive alone, and reports no gap', async () => {
    server = createServer((req, res) => void sendLinesApart(res));
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const batches: NormalisedBatch[] = [];
    const gaps: GapReason[] = [];
    stream = new FilteredStream(
      createXClientFactory(base).withToken('app-token'),
      { onBatch: (batch) => batches.push(batch), onState: () => undefined, onConnected: () => undefined, onGap: (reason) => gaps.push(reason) },
      silentLogger,
    );
    await stream.start();
    for (let waited = 0; batches.flatMap((b) => b.posts).length < 3 && waited < 3_000; waited += 30) await pause();
    expect(batches.flatMap((b) => b.posts.map((p) => p.id))).toEqual(['1900000000000000001', '1900000000000000002', '1900000000000000003']);
    expect(gaps).toEqual([]);
  });

  it("still finds the library's parser and response where Deckhand replaces and decodes them", async () => {
    server = createServer((req, res) => void sendLinesApart(res));
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const library = await createXClientFactory(base).withToken('app-token').v2.searchStream({ autoConnect: false });
    const lines: string[] = [];
    // Should twitter-api-v2 change inside, these answer false and this test says so before posts are lost.
    expect(readLinesInPlaceOfLibrary(library, new StreamLines((line) => lines.push(line)))).toBe(true);
    await library.connect({ autoReconnect: false });
    try {
      expect(decodeUtf8AcrossChunks(library)).toBe(true);
      for (let waited = 0; lines.length < 3 && waited < 3_000; waited += 30) await pause();
      expect(lines.map((text) => (JSON.parse(text) as { data: { id: string } }).data.id)).toEqual(['1900000000000000001', '1900000000000000002', '1900000000000000003']);
    } finally {
      library.destroy();
    }
  });
});
