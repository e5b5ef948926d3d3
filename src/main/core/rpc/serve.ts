// serve(core, transport, resolveCaller): the one server side of the contract, whatever carries it
// (Electron IPC, the web host's WebSocket, later the hub). Each connection's caller is resolved
// once; every request is dispatched as that caller; every event reaches a connection only with
// what its caller may see (list payloads are cut to the visible items).
import { events as eventSpecs, type EventAudience, type EventName, type EventPayload } from '../../../shared/contract';
import type { Envelope } from '../../../shared/errors';
import type { EventBus } from '../events';
import type { Caller } from './caller';
import type { Dispatch, ScopeOf } from './dispatcher';

/** One request as a transport received it; the transport has checked only its framing. */
export interface RpcRequest {
  id: number;
  method: unknown;
  input: unknown;
}

/** One peer (a renderer, a socket). `context` is what the transport knows of it (its credential, its sender). */
export interface ServerConnection<TContext> {
  readonly context: TContext;
  onRequest(handler: (request: RpcRequest) => void): void;
  respond(id: number, envelope: Envelope<unknown>): void;
  /** Callers that see the whole event get the very same payload object: a transport may serialise it once for all. */
  sendEvent(event: EventName, payload: unknown): void;
  onClose(handler: () => void): void;
  /** Ends the connection (its caller is gone, or it misbehaved). */
  close(reason: string): void;
}

export interface ServerTransport<TContext> {
  onConnection(handler: (connection: ServerConnection<TContext>) => void): void;
}

/** The caller behind a connection, or null to refuse it. */
export type ResolveCaller<TContext> = (context: TContext) => Caller | null;

export interface ServedCore {
  readonly dispatch: Dispatch;
  readonly events: EventBus;
  readonly scopeOf: ScopeOf;
}

export interface Serving {
  /** Connections being served now. */
  readonly size: number;
  stop(): void;
}

/** The part of an event a caller may see, or null for none of it. */
export function visiblePart<E extends EventName>(event: E, payload: EventPayload<E>, caller: Caller, scopeOf: ScopeOf): EventPayload<E> | null {
  const audience = eventSpecs[event].audience as EventAudience<unknown>;
  const allowed = (resource: Parameters<ScopeOf>[0]) => {
    const scope = scopeOf(resource);
    return scope !== null && caller.can(audience.permission, scope);
  };
  if ('resource' in audience) return allowed(audience.resource(payload)) ? payload : null;
  const items = payload as unknown as readonly never[];
  const visible = items.filter((item) => allowed(audience.each(item)));
  if (visible.length === items.length) return payload;
  return visible.length > 0 || audience.complete ? (visible as EventPayload<E>) : null;
}

export function serve<TContext>(core: ServedCore, transport: ServerTransport<TContext>, resolveCaller: ResolveCaller<TContext>): Serving {
  const served = new Map<ServerConnection<TContext>, Caller>();
  let stopped = false;

  transport.onConnection((connection) => {
    const caller = stopped ? null : resolveCaller(connection.context);
    if (!caller) {
      connection.close('Not authorised');
      return;
    }
    served.set(connection, caller);
    connection.onClose(() => served.delete(connection));
    connection.onRequest((request) => {
      void core.dispatch(request.method, request.input, caller).then((envelope) => connection.respond(request.id, envelope));
    });
  });

  const unsubscribe = core.events.subscribe((event, payload) => {
    for (const [connection, caller] of served) {
      const visible = visiblePart(event, payload, caller, core.scopeOf);
      if (visible !== null) connection.sendEvent(event, visible);
    }
  });

  return {
    get size() {
      return served.size;
    },
    stop() {
      stopped = true;
      unsubscribe();
      for (const connection of served.keys()) connection.close('The app is closing');
      served.clear();
    },
  };
}
