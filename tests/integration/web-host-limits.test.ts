// The web host's per-socket limits, on a real core and real WebSockets: a burst of requests beyond
// the in-flight cap is refused without dispatching, and a client that stops reading is dropped
// while the others keep receiving.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startWebHost, type RunningWebHost } from '../../src/main/web/host';
import type { BridgeMessage } from '../../src/shared/rpc';
import { startColumnsRig, type ColumnsRig } from '../helpers/columns-rig';
import { rendererDir } from '../helpers/renderer-dir';
import { eventually } from '../helpers/sandbox';
import { silentLogger } from '../helpers/temp';

let rig: ColumnsRig;
let renderer: ReturnType<typeof rendererDir>;
let host: RunningWebHost;

beforeAll(async () => {
  rig = await startColumnsRig();
  renderer = rendererDir();
  host = await startWebHost({ core: rig.core, rendererDir: renderer.path, logger: silentLogger, port: 0 });
}, 30_000);

afterAll(async () => {
  await host?.close();
  await rig?.close();
  renderer?.remove();
});

async function openSocket(): Promise<{ ws: WebSocket; messages: BridgeMessage[] }> {
  const page = new URL(host.url);
  const ws = new WebSocket(`ws://${page.host}/rpc?token=${page.searchParams.get('token')}`, { origin: page.origin });
  const messages: BridgeMessage[] = [];
  ws.on('message', (data) => messages.push(JSON.parse(data.toString()) as BridgeMessage));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return { ws, messages };
}

const answers = (messages: BridgeMessage[]) => messages.flatMap((message) => ('id' in message ? [message] : []));

describe('per-socket limits of the web host', () => {
  it('refuses requests beyond 64 in flight with "unavailable", answers every one, and keeps serving', async () => {
    const { ws, messages } = await openSocket();
    const count = 300;
    // Sent in one go, the frames arrive together and are all in flight before any is answered.
    for (let id = 1; id <= count; id++) ws.send(JSON.stringify({ id, method: 'getWorkspace', input: {} }));
    await eventually(() => answers(messages).length === count, 10_000, 'every request to be answered');
    const refused = answers(messages).filter((m) => !m.envelope.ok);
    expect(refused.length).toBeGreaterThan(0);
    for (const answer of refused) {
      expect(answer.envelope).toEqual({ ok: false, error: { code: 'unavailable', message: expect.stringContaining('Too many requests in flight') } });
    }
    expect(answers(messages).filter((m) => m.envelope.ok).length).toBeGreaterThanOrEqual(64);
    expect(new Set(answers(messages).map((m) => m.id)).size).toBe(count);

    messages.length = 0;
    ws.send(JSON.stringify({ id: 1000, method: 'getWorkspace', input: {} }));
    await eventually(() => answers(messages).find((m) => m.id === 1000), 5_000, 'an answer after the burst');
    expect(answers(messages)[0]?.envelope.ok).toBe(true);
    ws.close();
  });

  it('drops a client that does not read what it is sent, while a reading client keeps every event', async () => {
    const reader = await openSocket();
    const stalled = await openSocket();
    const stalledClosed = new Promise<number>((resolve) => stalled.ws.once('close', (code) => resolve(code)));
    stalled.ws.pause();
    const words = Array.from({ length: 500 }, (_, index) => `${String(index).padStart(3, '0')}${'w'.repeat(97)}`);
    // Each change is announced to both sockets (~50 KB): 30 MB in all, past what the kernel
    // buffers hold and the host's 8 MiB for one socket.
    const changes = 600;
    for (let change = 0; change < changes; change++) {
      await rig.call('setMuteList', { words: change % 2 ? words : words.slice(1), users: [] });
      // The host and both clients share this event loop: let the reader read between changes.
      await new Promise((resolve) => setImmediate(resolve));
    }
    stalled.ws.resume();
    expect(await stalledClosed).toBe(1006);
    expect(stalled.messages.length).toBeLessThan(changes);
    const muteEvents = () => reader.messages.filter((m) => 'event' in m && m.event === 'muteListChanged').length;
    await eventually(() => muteEvents() === changes, 10_000, 'the reader to receive every mute list change');
    expect(reader.ws.readyState).toBe(WebSocket.OPEN);
    reader.ws.close();
  }, 60_000);
});
