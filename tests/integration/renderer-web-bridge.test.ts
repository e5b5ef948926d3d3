// The renderer's web bridge against the real web host and core, over real sockets. A TCP relay
// between them plays the network: it can drop the link, hold answers, and come back.
import { request } from 'node:http';
import { createServer, connect as connectTcp, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createCore, type Core } from '../../src/main/core/core';
import { MemoryPreferenceStore, MemorySecretStore } from '../../src/main/core/ports';
import { startWebHost, type RunningWebHost } from '../../src/main/web/host';
import { createClient, type DeckhandApi } from '../../src/shared/rpc';
import type { ConnectionState } from '../../src/renderer/src/bridge/connection';
import { SocketTransport, type HostProbe, type SocketOpener } from '../../src/renderer/src/bridge/socket-transport';
import { eventually } from '../helpers/sandbox';
import { silentLogger, tempDir } from '../helpers/temp';

/** A relay on a fixed port that forwards to the host; `cut` drops every link and stops listening. */
class Relay {
  private server: Server | null = null;
  private readonly links = new Set<Socket>();
  port = 0;
  holdAnswers = false;

  constructor(private readonly targetPort: number) {}

  async listen(): Promise<void> {
    this.server = createServer((client) => {
      const upstream = connectTcp(this.targetPort, '127.0.0.1');
      for (const socket of [client, upstream]) {
        this.links.add(socket);
        socket.on('close', () => this.links.delete(socket));
        socket.on('error', () => {});
      }
      client.on('data', (chunk) => upstream.write(chunk));
      upstream.on('data', (chunk) => {
        if (!this.holdAnswers) client.write(chunk);
      });
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  async cut(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const socket of this.links) socket.destroy();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  }
}

let dataDir: ReturnType<typeof tempDir>;
let core: Core;
let host: RunningWebHost;
let token: string;

beforeAll(async () => {
  dataDir = tempDir('deckhand-bridge-');
  core = createCore({ dataDir: dataDir.path, secrets: new MemorySecretStore(), preferences: new MemoryPreferenceStore(), logger: silentLogger });
  await core.start();
  host = await startWebHost({ core, rendererDir: dataDir.path, logger: silentLogger });
  token = new URL(host.url).searchParams.get('token')!;
});

afterAll(async () => {
  await host?.close();
  await core?.close();
  dataDir?.remove();
});

/** Opens sockets as the page's browser would: with the host's own Origin and Host. */
function pageSocket(hostPort: number): SocketOpener {
  return (url, handlers) => {
    const socket = new WebSocket(url, { origin: `http://127.0.0.1:${hostPort}`, headers: { host: `127.0.0.1:${hostPort}` } });
    socket.on('open', () => handlers.open());
    socket.on('message', (data, isBinary) => {
      if (!isBinary) handlers.message(data.toString());
    });
    socket.on('error', () => {}); // 'close' follows and carries the news
    socket.on('close', () => handlers.close());
    return { send: (data) => socket.send(data), close: () => socket.close() };
  };
}

/**
 * The browser's probe: HEAD / over the same network path as the socket, with the session cookie
 * the page was served with (valid exactly when the page's token is; here the token stands in).
 */
function probeThrough(port: number, pageToken: string): () => Promise<HostProbe> {
  return () =>
    new Promise((resolve) => {
      const req = request({ host: '127.0.0.1', port, method: 'HEAD', path: `/?token=${pageToken}`, headers: { host: `127.0.0.1:${host.port}` } }, (res) => {
        res.resume();
        const status = res.statusCode ?? 0;
        resolve(status === 401 || status === 403 ? 'refuses' : status < 400 ? 'accepts' : 'unreachable');
      });
      req.on('error', () => resolve('unreachable'));
      req.end();
    });
}

function bridgeThrough(port: number, socketToken = token) {
  const states: ConnectionState[] = [];
  const transport = new SocketTransport({
    url: `ws://127.0.0.1:${port}/rpc?token=${socketToken}`,
    openSocket: pageSocket(host.port),
    reconnectDelay: () => 50,
    probe: probeThrough(port, socketToken),
  });
  transport.subscribe((state) => states.push(state));
  transport.start();
  const api: DeckhandApi = createClient(transport);
  return { transport, api, states, opened: () => eventually(() => transport.current().kind === 'open', 5_000, 'the socket to open') };
}

describe('the web bridge', () => {
  it('answers commands and hears events through the real host', async () => {
    const { transport, api, opened } = bridgeThrough(host.port);
    await opened();
    expect(await api.getWorkspace({})).toEqual({ ok: true, value: expect.objectContaining({ mode: 'x' }) });
    const invalid = await api.listColumnPosts({ columnId: 'no such column!' });
    expect(invalid).toMatchObject({ ok: false, error: { code: 'invalid_input' } });

    const heard: unknown[] = [];
    api.on('muteListChanged', (list) => heard.push(list));
    core.events.emit('muteListChanged', { words: ['spoiler'], users: [] });
    await eventually(() => heard.length === 1, 2_000, 'the event');
    expect(heard).toEqual([{ words: ['spoiler'], users: [] }]);
    transport.stop();
  });

  it('fails commands at once while the link is down, reconnects when it is back, and works again', async () => {
    const relay = new Relay(host.port);
    await relay.listen();
    const { transport, api, states, opened } = bridgeThrough(relay.port);
    await opened();

    await relay.cut();
    await eventually(() => transport.current().kind === 'reconnecting', 5_000, 'the bridge to notice the drop');
    const whileDown = await api.getWorkspace({});
    expect(whileDown).toMatchObject({ ok: false, error: { code: 'unavailable', message: expect.stringContaining('reconnecting') } });

    await new Promise((resolve) => setTimeout(resolve, 200)); // a few refused attempts
    await relay.listen();
    await opened();
    expect(await api.getWorkspace({})).toMatchObject({ ok: true });
    expect(states.map((state) => state.kind)).toEqual(expect.arrayContaining(['open', 'reconnecting']));
    expect(states.at(-1)).toEqual({ kind: 'open' });
    transport.stop();
    await relay.cut();
  });

  it('answers a command whose link dropped before the answer with a clear, non-hanging error', async () => {
    const relay = new Relay(host.port);
    await relay.listen();
    const { transport, api, opened } = bridgeThrough(relay.port);
    await opened();
    relay.holdAnswers = true;
    const answer = api.getWorkspace({});
    await new Promise((resolve) => setTimeout(resolve, 100));
    await relay.cut();
    expect(await answer).toMatchObject({ ok: false, error: { code: 'unavailable', message: expect.stringContaining('check whether it was done') } });
    transport.stop();
  });

  it('gives up with a message when the host refuses the token, instead of retrying forever', async () => {
    const { transport, api, states } = bridgeThrough(host.port, 'not-the-token');
    await eventually(() => transport.current().kind === 'refused', 5_000, 'the refusal');
    expect(transport.current()).toMatchObject({ kind: 'refused', message: expect.stringContaining('access token') });
    expect(states.some((state) => state.kind === 'open')).toBe(false);
    expect(await api.listAccounts({})).toMatchObject({ ok: false, error: { code: 'unavailable', message: expect.stringContaining('access token') } });
    transport.stop();
  });
});
