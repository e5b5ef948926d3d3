// Admin API (not X): direct messages for tests and demos. POST /_sandbox/dms {from, to, text}
// sends a one-to-one message (unknown usernames are created) → {id, dm_conversation_id};
// GET /_sandbox/dms?participant=USERNAME lists the messages that account sent or received.
import type { SandboxContext } from '../context';
import { json, type Route, type SandboxRequest } from '../http/types';
import type { SandboxDmEvent } from '../state/dms';
import { adminBody, AdminInputError, guarded, requiredString } from './admin-input';

function sendDm(request: SandboxRequest, context: SandboxContext) {
  return guarded(() => {
    const body = adminBody(request);
    const from = context.users.ensure(requiredString(body, 'from').replace(/^@/, ''));
    const to = context.users.ensure(requiredString(body, 'to').replace(/^@/, ''));
    if (from.id === to.id) throw new AdminInputError('from and to must be different accounts');
    const event = context.dms.sendDirect(from, to, requiredString(body, 'text'));
    return json(201, { id: event.id, dm_conversation_id: event.conversationId });
  });
}

function describe(event: SandboxDmEvent, context: SandboxContext) {
  const username = (id: string) => context.users.get(id)?.username ?? null;
  const participants = [...(context.dms.conversation(event.conversationId)?.participants ?? [])];
  return {
    id: event.id,
    dm_conversation_id: event.conversationId,
    event_type: event.type,
    from: username(event.senderId),
    participants: participants.map(username),
    text: event.raw,
    created_at: new Date(event.createdAt).toISOString(),
  };
}

function listDms(request: SandboxRequest, context: SandboxContext) {
  return guarded(() => {
    const name = request.query.participant?.replace(/^@/, '');
    if (!name) throw new AdminInputError('participant (a username) is required');
    const limit = Math.min(10_000, Math.max(1, Number(request.query.limit ?? 1_000) || 1_000));
    const user = context.users.byUsername(name);
    const events = user ? context.dms.inbox(user.id).filter((event) => event.type === 'MessageCreate') : [];
    return json(200, { dms: events.slice(-limit).map((event) => describe(event, context)) });
  });
}

export const routes: Route[] = [
  { method: 'POST', path: '/_sandbox/dms', admin: true, handle: sendDm },
  { method: 'GET', path: '/_sandbox/dms', admin: true, handle: listDms },
];
