// Listens to the web host's event stream like a second renderer would, to split freshness into
// "sandbox → host event" and "host event → card in the DOM".
import WebSocket from 'ws';
import type { BridgeMessage } from '../src/shared/rpc';

export interface HostEventListener {
  /** Per post delivered in a columnPosts event: Date.now() at arrival minus the post's time. */
  latenciesSince(epochMs: number): number[];
  close(): void;
}

export async function listenToHostEvents(appUrl: string): Promise<HostEventListener> {
  const page = new URL(appUrl);
  const ws = new WebSocket(`ws://${page.host}/rpc?token=${page.searchParams.get('token')}`, { origin: page.origin });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const arrivals: [created: number, arrived: number][] = [];
  ws.on('message', (data) => {
    const arrived = Date.now();
    const message = JSON.parse(data.toString()) as BridgeMessage;
    if (!('event' in message) || message.event !== 'columnPosts') return;
    const { posts } = message.payload as { posts: { createdAt: string }[] };
    for (const post of posts) arrivals.push([Date.parse(post.createdAt), arrived]);
  });
  return {
    latenciesSince: (epochMs) => arrivals.filter(([created]) => created >= epochMs).map(([created, arrived]) => arrived - created),
    close: () => ws.close(),
  };
}
