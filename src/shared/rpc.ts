// Transport-agnostic RPC: the typed client (renderer side) and the wire messages both hosts use.
import {
  COMMAND_NAMES,
  type CommandInput,
  type CommandName,
  type CommandResult,
  type EventName,
  type EventPayload,
  isEventName,
} from './contract';
import { DeckhandError, type Envelope, isEnvelope } from './errors';

/** What a host provides to the client: send a command, hear events. */
export interface ClientTransport {
  invoke(method: CommandName, input: unknown): Promise<unknown>;
  listen(listener: (event: string, payload: unknown) => void): () => void;
}

/**
 * Commands resolve with an envelope, never reject: errors keep their code across contextBridge
 * (which would strip fields from a thrown Error) and the UI must handle them anyway.
 */
export type DeckhandApi = {
  [K in CommandName]: (input: CommandInput<K>) => Promise<Envelope<CommandResult<K>>>;
} & {
  on<E extends EventName>(event: E, handler: (payload: EventPayload<E>) => void): () => void;
};

/** Web bridge messages (JSON over the loopback WebSocket). */
export type BridgeRequest = { id: number; method: string; input: unknown };
export type BridgeMessage =
  | { id: number; envelope: Envelope<unknown> }
  | { event: EventName; payload: unknown };

/** The IPC channel names the Electron preload and shell share; no bare strings elsewhere. */
export const IPC_INVOKE_CHANNEL = 'deckhand:invoke';
export const IPC_EVENT_CHANNEL = 'deckhand:event';

/** Throws the envelope's error as a DeckhandError; for callers that prefer exceptions. */
export function unwrap<T>(envelope: Envelope<T>): T {
  if (envelope.ok) return envelope.value;
  throw new DeckhandError(envelope.error.code, envelope.error.message);
}

async function invokeSafely(transport: ClientTransport, method: CommandName, input: unknown): Promise<Envelope<unknown>> {
  try {
    const answer = await transport.invoke(method, input);
    if (isEnvelope(answer)) return answer;
    return { ok: false, error: { code: 'internal', message: 'The app answered with a malformed message' } };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, error: { code: 'unavailable', message: `The app could not be reached: ${message}` } };
  }
}

export function createClient(transport: ClientTransport): DeckhandApi {
  const handlers = new Map<EventName, Set<(payload: never) => void>>();
  transport.listen((event, payload) => {
    if (!isEventName(event)) return;
    for (const handler of handlers.get(event) ?? []) handler(payload as never);
  });
  const api: Record<string, unknown> = {
    on(event: EventName, handler: (payload: never) => void) {
      const set = handlers.get(event) ?? new Set();
      handlers.set(event, set);
      set.add(handler);
      return () => set.delete(handler);
    },
  };
  for (const name of COMMAND_NAMES) {
    api[name] = (input: unknown) => invokeSafely(transport, name, input ?? {});
  }
  return api as DeckhandApi;
}
