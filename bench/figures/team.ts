// The team hub with desktops connected, the hub in its own process (the esbuild bundle of
// src/hub/cli.ts on an SQLite file), the desktops raw `ws` clients in the bench process
// (hub-desktop.ts), each a member who joined with an invite as Agent on the bench's handle.
// - Propagation p50/p99: one desktop pushes `assignPost` of a new post to itself; latency = from
//   the push until each of the other desktops has received the log entry (poke → pull → entry).
//   Pushes one at a time, the next once every desktop has the previous one.
//   Ceiling: a bare `ws` relay process (broadcast-relay.ts) forwarding one message of the same size
//   from one of the same number of sockets to the others: the network and WebSocket part alone.
// - Hub RSS: the hub's VmRSS with many desktops connected, authenticated and pulled, and after a
//   burst of intents fanned out to them all. Ceiling: the same process idle, before any desktop.
import { join } from 'node:path';
import WebSocket from 'ws';
import type { LogEntry } from '../../src/shared/hub-protocol';
import type { BenchContext } from '../context';
import { BENCH_HANDLE, benchTeam, connectDesktops, type BenchDesktop } from '../hub-desktop';
import { hubSetupCode, memoryOf, startHubProcess, startRelayProcess, type BenchProcess } from '../processes';
import { figure, latencyFigures, type Figure } from '../report';
import { percentile, round, sleep } from '../stats';

/** Pushes before the measured ones (connections and code paths warmed), on hub and relay alike. */
const WARM_UP = 5;
/** Quiet time between one push being everywhere and the next one. */
const GAP_MS = 10;
const ARRIVAL_TIMEOUT_MS = 15_000;
const SETTLE_MS = 500;

const assignToSelf = (desktop: BenchDesktop, postId: string) => ({ name: 'assignPost', args: { handleId: BENCH_HANDLE.id, postId, assigneeId: desktop.memberId } });

async function startTeamHub(context: BenchContext): Promise<{ hub: BenchProcess; url: string; dbFile: string }> {
  const dbFile = join(context.tempDir('deckhand-bench-hub-'), 'hub.sqlite');
  const hub = await startHubProcess(dbFile);
  return { hub, url: hub.match[1]!, dbFile };
}

/** Resolves once `count` receivers have reported; rejects with `what` after the timeout. */
function arrivals(count: number, what: () => string) {
  let arrived = 0;
  let resolve!: () => void;
  const done = new Promise<void>((ok, fail) => {
    resolve = ok;
    setTimeout(() => fail(new Error(`${what()} within ${ARRIVAL_TIMEOUT_MS} ms`)), ARRIVAL_TIMEOUT_MS).unref();
  });
  return {
    done,
    arrived: () => arrived,
    add() {
      if (++arrived === count) resolve();
    },
  };
}

interface Propagation {
  samples: number[];
  pokeSamples: number[];
  /** Size of the pull answers that carried the entries (what each desktop received). */
  frameBytes: number;
}

async function measureHubPropagation(desktops: readonly BenchDesktop[], pushes: number): Promise<Propagation> {
  const [pusher, ...others] = desktops;
  if (!pusher || others.length === 0) throw new Error('propagation needs at least two desktops');
  const samples: number[] = [];
  const pokeSamples: number[] = [];
  const frameSizes: number[] = [];
  let current: { mutationId: number; sentAt: number; measured: boolean; received: Set<BenchDesktop>; poked: Set<BenchDesktop>; tally: ReturnType<typeof arrivals> } | null = null;
  const isCurrent = (entry: LogEntry) => current !== null && entry.clientId === pusher.clientId && entry.mutationId === current.mutationId;
  for (const desktop of others) {
    desktop.onPoke = () => {
      if (!current || current.poked.has(desktop)) return;
      current.poked.add(desktop);
      if (current.measured) pokeSamples.push(performance.now() - current.sentAt);
    };
    desktop.onEntry = (entry, bytes) => {
      if (!current || !isCurrent(entry) || current.received.has(desktop)) return;
      const at = performance.now();
      current.received.add(desktop);
      if (current.measured) {
        samples.push(at - current.sentAt);
        frameSizes.push(bytes);
      }
      current.tally.add();
    };
  }
  for (let index = 0; index < WARM_UP + pushes; index++) {
    const mutationId = pusher.upcomingMutationId;
    const tally = arrivals(others.length, () => `push ${index + 1} reached ${tally.arrived()} of ${others.length} desktops`);
    current = { mutationId, sentAt: performance.now(), measured: index >= WARM_UP, received: new Set(), poked: new Set(), tally };
    const [results] = await Promise.all([pusher.push([assignToSelf(pusher, `propagation-${index + 1}`)]), tally.done]);
    if (results[0]?.outcome !== 'applied') throw new Error(`the hub did not apply the pushed intent: ${JSON.stringify(results)}`);
    await sleep(GAP_MS);
  }
  current = null;
  const errors = desktops.flatMap((desktop) => desktop.errors);
  if (errors.length > 0) throw new Error(`the hub answered desktops with errors: ${errors.slice(0, 5).join(' | ')}`);
  return { samples, pokeSamples, frameBytes: percentile(frameSizes, 50) };
}

async function openSocket(url: string): Promise<WebSocket> {
  const socket = new WebSocket(url);
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  return socket;
}

/** The same pushes through the bare relay: one message of `payloadBytes` from the first socket to the others. */
async function measureRelayPropagation(sockets: number, pushes: number, payloadBytes: number): Promise<number[]> {
  const relay = await startRelayProcess();
  const opened: WebSocket[] = [];
  try {
    for (let index = 0; index < sockets; index++) opened.push(await openSocket(relay.match[1]!));
    const [sender, ...receivers] = opened;
    if (!sender) throw new Error('no sockets');
    const samples: number[] = [];
    let current: { n: number; sentAt: number; measured: boolean; tally: ReturnType<typeof arrivals> } | null = null;
    for (const socket of receivers) {
      socket.on('message', (data) => {
        // Parsed as a desktop parses what it receives.
        const message: unknown = JSON.parse(data.toString());
        const at = performance.now();
        if (!current || typeof message !== 'object' || message === null || !('n' in message) || message.n !== current.n) return;
        if (current.measured) samples.push(at - current.sentAt);
        current.tally.add();
      });
    }
    // Connected sockets are announced by no one here; the relay needs a moment to register the last.
    await sleep(100);
    for (let n = 1; n <= WARM_UP + pushes; n++) {
      const base = JSON.stringify({ type: 'relay', n, pad: '' });
      const payload = JSON.stringify({ type: 'relay', n, pad: 'x'.repeat(Math.max(0, payloadBytes - base.length)) });
      const tally = arrivals(receivers.length, () => `relay message ${n} reached ${tally.arrived()} of ${receivers.length} sockets`);
      current = { n, sentAt: performance.now(), measured: n > WARM_UP, tally };
      sender.send(payload);
      await tally.done;
      await sleep(GAP_MS);
    }
    return samples;
  } finally {
    for (const socket of opened) socket.terminate();
    await relay.stop();
  }
}

export async function runTeamPropagation(context: BenchContext): Promise<Figure[]> {
  const { teamDesktops: desktopCount, teamPushes: pushes } = context.sizes;
  const { hub, url, dbFile } = await startTeamHub(context);
  let desktops: BenchDesktop[] = [];
  let measured: Propagation;
  try {
    context.log(`team propagation: ${desktopCount} desktops join the hub`);
    const team = await benchTeam(url, hubSetupCode(hub), dbFile, desktopCount, 'agent');
    desktops = await connectDesktops(url, team.members);
    await Promise.all(desktops.map((desktop) => (desktop.pull(), desktop.caughtUp())));
    context.log(`team propagation: ${pushes} intents from one desktop to the other ${desktopCount - 1}`);
    measured = await measureHubPropagation(desktops, pushes);
  } catch (error) {
    context.log(`the hub said:\n${hub.output().slice(-2_000)}`);
    throw error;
  } finally {
    await Promise.all(desktops.map((desktop) => desktop.close()));
    await hub.stop();
  }
  context.log(`team propagation ceiling: a bare WebSocket relay, ${desktopCount} sockets, ${measured.frameBytes}-byte messages`);
  const ceilingSamples = await measureRelayPropagation(desktopCount, pushes, measured.frameBytes);
  const figures = latencyFigures({
    name: 'team.propagation',
    label: `Team intent to ${desktopCount - 1} desktops`,
    samples: measured.samples,
    ceilingSamples,
    ceilingNote: `a bare ws relay process forwarding one ${measured.frameBytes}-byte message from one of ${desktopCount} sockets to the others, sampled alike`,
    high: 99,
    targetMs: 100,
    details: {
      measured: 'push of assignPost by one desktop → hub applies, pokes → each other desktop pulls → the log entry arrives; one sample per receiving desktop and push',
      desktops: desktopCount,
      pushes,
      warmUpPushes: WARM_UP,
      samples: measured.samples.length,
      pullFrameBytes: measured.frameBytes,
      // The hub's part before the desktops ask: push → poke received.
      pokeP50: round(percentile(measured.pokeSamples, 50)),
      pokeP99: round(percentile(measured.pokeSamples, 99)),
      ceilingP50: round(percentile(ceilingSamples, 50)),
      ceilingP99: round(percentile(ceilingSamples, 99)),
    },
  });
  // Named team.propagation-p50/-p99 (latencyFigures says `.p50`), as team.fanout-freshness-p50/-p99 (team-fanout.ts).
  return figures.map((found) => ({ ...found, name: found.name.replace(/\.(p\d+)$/, '-$1') }));
}

/** Waits until `ready()` holds, checking every few milliseconds. */
async function until(ready: () => boolean, what: () => string): Promise<void> {
  const deadline = Date.now() + ARRIVAL_TIMEOUT_MS * 2;
  while (!ready()) {
    if (Date.now() > deadline) throw new Error(`${what()} within ${ARRIVAL_TIMEOUT_MS * 2} ms`);
    await sleep(5);
  }
}

export async function runTeamMemory(context: BenchContext): Promise<Figure[]> {
  const { teamMemoryDesktops: desktopCount, teamMemoryBurst: burst } = context.sizes;
  const { hub, url, dbFile } = await startTeamHub(context);
  let desktops: BenchDesktop[] = [];
  try {
    await sleep(SETTLE_MS);
    const idle = memoryOf(hub.pid);
    context.log(`team memory: ${desktopCount} desktops join the hub and pull`);
    const team = await benchTeam(url, hubSetupCode(hub), dbFile, desktopCount, 'agent');
    desktops = await connectDesktops(url, team.members);
    await Promise.all(desktops.map((desktop) => (desktop.pull(), desktop.caughtUp())));
    await sleep(SETTLE_MS);
    const pulled = memoryOf(hub.pid);

    context.log(`team memory: a burst of ${burst} intents fanned out to them`);
    const received = new Map<BenchDesktop, number>(desktops.map((desktop) => [desktop, 0]));
    for (const desktop of desktops) {
      desktop.onEntry = (entry) => {
        if (entry.intent === 'assignPost') received.set(desktop, received.get(desktop)! + 1);
      };
    }
    // Every desktop in turn pushes one, all at once: the hub takes them in whatever order they come.
    const pushers = Array.from({ length: burst }, (_, index) => desktops[index % desktops.length]!);
    const results = await Promise.all(pushers.map((desktop, index) => desktop.push([assignToSelf(desktop, `burst-${index + 1}`)])));
    const refused = results.flat().filter((result) => result.outcome !== 'applied');
    if (refused.length > 0) throw new Error(`the hub did not apply ${refused.length} intents of the burst: ${JSON.stringify(refused[0])}`);
    await until(
      () => [...received.values()].every((count) => count >= burst),
      () => `only ${[...received.values()].filter((count) => count >= burst).length} of ${desktopCount} desktops received the burst`,
    );
    await sleep(SETTLE_MS);
    const fannedOut = memoryOf(hub.pid);
    return [
      figure({
        name: 'team.hub-rss',
        label: `Hub RSS (${desktopCount} desktops, ${burst}-intent burst)`,
        value: Math.max(pulled.rssMB, fannedOut.rssMB),
        unit: 'MB',
        better: 'lower',
        ceiling: idle.rssMB,
        ceilingNote: 'the same hub process idle: started, no team, no desktop',
        target: { op: '<=', value: 300 },
        details: {
          measured: `VmRSS of the hub process (SQLite store) with ${desktopCount} members' desktops connected and authenticated, after they all pulled and after a burst of ${burst} assignPost intents reached every desktop; the larger of the two`,
          idleRssMB: round(idle.rssMB),
          afterPullRssMB: round(pulled.rssMB),
          afterBurstRssMB: round(fannedOut.rssMB),
          peakSinceStartMB: round(fannedOut.peakMB),
        },
      }),
    ];
  } catch (error) {
    context.log(`the hub said:\n${hub.output().slice(-2_000)}`);
    throw error;
  } finally {
    await Promise.all(desktops.map((desktop) => desktop.close()));
    await hub.stop();
  }
}
