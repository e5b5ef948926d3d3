// Direct messages, per the spec's DmEvent schemas: the inbox (GET /2/dm_events), one
// conversation's events (by participant or by conversation id), sending in a one-to-one or an
// existing conversation, and starting a group. Events come newest first, paged by an opaque
// pagination_token (the spec wants at least 16 characters), filtered by event_types.
// `dm_event.fields=entities` answers an `entities` object like a post's (what X clients read).
import type { SandboxContext } from '../context';
import { problems } from '../http/problems';
import { json, type Route, type SandboxRequest } from '../http/types';
import { SNOWFLAKE_PATTERN } from '../state/ids';
import type { DmConversation, SandboxDmEvent } from '../state/dms';
import { oneToOneConversationId } from '../state/dms';
import { firstAtOrAfter } from '../state/sorted';
import type { SandboxUser } from '../state/users';
import { IncludesBuilder } from '../wire/render';
import { bodyJson, callingUser, fields, isRecord } from './common';

const DEFAULT_MAX = 100;
const MAX_TEXT = 10_000;
const TOKEN_PREFIX = 'dmc1';

export function encodeDmToken(id: string): string {
  return TOKEN_PREFIX + BigInt(id).toString(36).padStart(13, '0');
}

function decodeDmToken(value: string): string {
  const body = value.startsWith(TOKEN_PREFIX) ? value.slice(TOKEN_PREFIX.length) : '';
  if (!/^[0-9a-z]{13}$/.test(body)) {
    throw problems.invalidRequest([{ parameters: { pagination_token: [value] }, message: `The \`pagination_token\` query parameter value [${value}] is not a valid pagination token` }]);
  }
  let id = 0n;
  for (const char of body) id = id * 36n + BigInt(parseInt(char, 36));
  return id.toString();
}

const listOf = (value: string | undefined) => new Set((value ?? '').split(',').filter((item) => item !== ''));

export function renderDmEvent(event: SandboxDmEvent, wanted: ReadonlySet<string>): Record<string, unknown> {
  const out: Record<string, unknown> = { id: event.id, event_type: event.type };
  if (event.rendered) out.text = event.rendered.text;
  if (wanted.has('created_at')) out.created_at = new Date(event.createdAt).toISOString();
  if (wanted.has('dm_conversation_id')) out.dm_conversation_id = event.conversationId;
  if (wanted.has('sender_id')) out.sender_id = event.senderId;
  if (wanted.has('participant_ids') && event.participantIds.length > 0) out.participant_ids = [...event.participantIds];
  if (wanted.has('entities') && event.rendered?.entities) out.entities = event.rendered.entities;
  return out;
}

/** One page of `events` (oldest first), newest first, with X's `meta` and the expansions asked for. */
function page(request: SandboxRequest, context: SandboxContext, events: readonly SandboxDmEvent[]) {
  const max = request.query.max_results ? Number(request.query.max_results) : DEFAULT_MAX;
  const before = request.query.pagination_token ? decodeDmToken(request.query.pagination_token) : null;
  const types = listOf(request.query.event_types);
  const wanted = listOf(request.query['dm_event.fields']);
  const selection = fields(request);
  const includes = new IncludesBuilder(selection, context.lookup);
  const data: Record<string, unknown>[] = [];
  let more = false;
  let last: SandboxDmEvent | null = null;
  const top = before === null ? events.length : firstAtOrAfter(events, before);
  for (let index = top - 1; index >= 0; index--) {
    const event = events[index]!;
    if (types.size > 0 && !types.has(event.type)) continue;
    if (data.length === max) {
      more = true;
      break;
    }
    data.push(renderDmEvent(event, wanted));
    last = event;
    if (selection.expansions.has('sender_id')) includes.addUser(event.senderId);
    if (selection.expansions.has('participant_ids')) for (const id of event.participantIds) includes.addUser(id);
  }
  const meta: Record<string, unknown> = { result_count: data.length };
  if (more && last) meta.next_token = encodeDmToken(last.id);
  const built = includes.build();
  return json(200, { ...(data.length > 0 ? { data } : {}), ...(built ? { includes: built } : {}), meta });
}

const badBody = (path: string, message: string) => problems.invalidRequest([{ parameters: {}, message: `$${path}: ${message}` }]);

/** CreateMessageRequest: `text` (1..10,000 characters); media attachments are not served. */
function messageText(body: unknown, path: string): string {
  if (!isRecord(body)) throw badBody(path, 'the message must be a JSON object');
  for (const key of Object.keys(body)) if (key !== 'text' && key !== 'attachments') throw badBody(`${path}.${key}`, 'is not defined in the schema and the schema does not allow additional properties');
  if (body.attachments !== undefined) throw problems.invalidRequest([{ parameters: { 'attachments.media_id': [] }, message: 'Your media IDs are invalid.' }]);
  if (typeof body.text !== 'string') throw badBody(`${path}.text`, body.text === undefined ? 'is missing but it is required' : `${typeof body.text} found, string expected`);
  if (body.text.trim() === '') throw badBody(`${path}.text`, 'must not be empty');
  if ([...body.text].length > MAX_TEXT) throw problems.forbidden(`The message is longer than ${MAX_TEXT.toLocaleString('en-US')} characters.`);
  return body.text;
}

function recipient(context: SandboxContext, sender: SandboxUser, id: string, parameter: string): SandboxUser {
  const user = SNOWFLAKE_PATTERN.test(id) ? context.users.get(BigInt(id).toString()) : undefined;
  if (!user) throw problems.invalidRequest([{ parameters: { [parameter]: [id] }, message: `Could not find user with ${parameter}: [${id}].` }]);
  if (user.id === sender.id) throw problems.forbidden('You cannot send a Direct Message to yourself.');
  return user;
}

const created = (event: SandboxDmEvent) => json(201, { data: { dm_conversation_id: event.conversationId, dm_event_id: event.id } });

/** The conversation, if the caller is in it (another's conversation looks like a missing one). */
function ownConversation(context: SandboxContext, user: SandboxUser, id: string): DmConversation | undefined {
  const conversation = context.dms.conversation(id);
  return conversation?.participants.has(user.id) ? conversation : undefined;
}

function createGroup(request: SandboxRequest, context: SandboxContext) {
  const me = callingUser(request);
  const body = bodyJson(request);
  if (!isRecord(body)) throw badBody('', 'the request body must be a JSON object');
  for (const key of Object.keys(body)) {
    if (!['conversation_type', 'participant_ids', 'message'].includes(key)) throw badBody(`.${key}`, 'is not defined in the schema and the schema does not allow additional properties');
  }
  if (body.conversation_type !== 'Group') throw badBody('.conversation_type', 'must be one of [Group]');
  const ids = body.participant_ids;
  if (!Array.isArray(ids) || ids.some((id) => typeof id !== 'string')) throw badBody('.participant_ids', 'an array of user ids is required');
  if (ids.length < 2 || ids.length > 49) throw badBody('.participant_ids', 'must list 2 to 49 user ids');
  const text = messageText(body.message, '.message');
  const others = [...new Set(ids as string[])].filter((id) => id !== me.id).map((id) => recipient(context, me, id, 'participant_ids'));
  return created(context.dms.createGroup(me, others, text).message);
}

export const routes: Route[] = [
  { operationId: 'getDirectMessagesEvents', handle: (request, context) => page(request, context, context.dms.inbox(callingUser(request).id)) },
  {
    operationId: 'getDirectMessagesEventsByParticipantId',
    handle: (request, context) => {
      const me = callingUser(request);
      const other = BigInt(request.params.participant_id!).toString();
      return page(request, context, context.dms.conversation(oneToOneConversationId(me.id, other))?.events ?? []);
    },
  },
  {
    operationId: 'getDirectMessagesEventsByConversationId',
    handle: (request, context) => page(request, context, ownConversation(context, callingUser(request), request.params.id!)?.events ?? []),
  },
  {
    operationId: 'createDirectMessagesByParticipantId',
    handle: (request, context) => {
      const me = callingUser(request);
      const to = recipient(context, me, request.params.participant_id!, 'participant_id');
      return created(context.dms.sendDirect(me, to, messageText(bodyJson(request), '')));
    },
  },
  {
    operationId: 'createDirectMessagesByConversationId',
    handle: (request, context) => {
      const me = callingUser(request);
      const conversation = ownConversation(context, me, request.params.dm_conversation_id!);
      if (!conversation) throw problems.forbidden('You are not a participant of this conversation.');
      return created(context.dms.sendInConversation(me, conversation, messageText(bodyJson(request), '')));
    },
  },
  { operationId: 'createDirectMessagesConversation', handle: createGroup },
];
