// Speaks the contract to a running web host like the renderer does, and keeps every frame the host
// sent (so tests can audit what reached the renderer).
import WebSocket from 'ws';
import type { CommandInput, CommandName } from '../../src/shared/contract';
import type { Envelope } from '../../src/shared/errors';
import type { BridgeMessage } from '../../src/shared/rpc';

export interface WebClient {
  /** Every frame received, as sent. */
  readonly frames: string[];
  call<K extends CommandName>(method: K, input: CommandInput<K>): Promise<Envelope<unknown>>;
  close(): void;
}

export async function openWebClient(appUrl: string): Promise<WebClient> {
  const page = new URL(appUrl);
  const socketUrl = `ws://${page.host}/rpc?token=${page.searchParams.get('token')}`;
  const ws = new WebSocket(socketUrl, { origin: page.origin });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const frames: string[] = [];
  const waiting = new Map<number, (envelope: Envelope<unknown>) => void>();
  ws.on('message', (data) => {
    const text = data.toString();
    frames.push(text);
    const message = JSON.parse(text) as BridgeMessage;
    if ('id' in message) waiting.get(message.id)?.(message.envelope);
  });
  let nextId = 1;
  return {
    frames,
    call: (method, input) =>
      new Promise((resolve) => {
        const id = nextId++;
        waiting.set(id, resolve);
        ws.send(JSON.stringify({ id, method, input }));
      }),
    close: () => ws.close(),
  };
}
