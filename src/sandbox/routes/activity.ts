// X Activity API: subscriptions (create, list, update the tag, delete) and the stream. Bodies
// follow the spec's ActivitySubscriptionCreateRequest / UpdateRequest (no other keys); answers
// its ActivitySubscription*Response schemas. Private events (DMs, mentions, chat) need the filtered
// user's own OAuth 2.0 user token: X delivers them only for users who authorized the app.
// The sandbox has no webhooks, so any `webhook_id` is an unknown one.
import type { ServerResponse } from 'node:http';
import type { SandboxContext } from '../context';
import { ACTIVITY_STREAM_PATH } from '../faults';
import { ProblemReply, problems } from '../http/problems';
import { json, type Route, type SandboxRequest } from '../http/types';
import { KEYWORD_EVENT_TYPES, KNOWN_EVENT_TYPES, PRIVATE_EVENT_TYPES, type ActivityFilter } from '../state/activity';
import { SNOWFLAKE_PATTERN } from '../state/ids';
import { wireSubscription } from '../wire/activity';
import { bodyJson, isRecord } from './common';

const ENTERPRISE_ONLY = ['backfill_minutes', 'start_time', 'end_time'];
const MAX_TAG = 200;
const MAX_KEYWORD = 150;
const DEFAULT_PAGE = 100;

const badBody = (path: string, message: string) => problems.invalidRequest([{ parameters: {}, message: `$${path}: ${message}` }]);
const total = (context: SandboxContext) => context.activity.subscriptions.size;

function onlyKeys(body: Record<string, unknown>, allowed: readonly string[], path = ''): void {
  for (const key of Object.keys(body)) {
    if (!allowed.includes(key)) throw badBody(`${path}.${key}`, 'is not defined in the schema and the schema does not allow additional properties');
  }
}

function optionalTag(body: Record<string, unknown>): string | null {
  if (body.tag === undefined) return null;
  if (typeof body.tag !== 'string' || body.tag.length < 1 || body.tag.length > MAX_TAG) throw badBody('.tag', `a string of 1 to ${MAX_TAG} characters expected`);
  return body.tag;
}

function refuseWebhook(body: Record<string, unknown>): void {
  if (body.webhook_id === undefined) return;
  const id = typeof body.webhook_id === 'string' ? body.webhook_id : JSON.stringify(body.webhook_id);
  throw problems.invalidRequest([{ parameters: { webhook_id: [id] }, message: `Webhook [${id}] was not found for this app.` }]);
}

function parseFilter(value: unknown, eventType: string): ActivityFilter {
  if (!isRecord(value)) throw badBody('.filter', value === undefined ? 'is missing but it is required' : 'object expected');
  onlyKeys(value, ['user_id', 'keyword'], '.filter');
  const filter: ActivityFilter = {};
  if (value.user_id !== undefined) {
    if (typeof value.user_id !== 'string' || !SNOWFLAKE_PATTERN.test(value.user_id)) throw badBody('.filter.user_id', 'must match pattern "^[0-9]{1,19}$"');
    filter.user_id = BigInt(value.user_id).toString();
  }
  if (value.keyword !== undefined) {
    if (typeof value.keyword !== 'string' || value.keyword.length < 1 || value.keyword.length > MAX_KEYWORD) throw badBody('.filter.keyword', `a string of 1 to ${MAX_KEYWORD} characters expected`);
    filter.keyword = value.keyword;
  }
  const needs = KEYWORD_EVENT_TYPES.has(eventType) ? 'keyword' : 'user_id';
  if (filter[needs] === undefined || Object.keys(filter).length !== 1) throw badBody('.filter', `${eventType} filters on \`${needs}\` only`);
  return filter;
}

/** Who may subscribe to a private event: the filtered user, with their own user token. */
function checkPrivate(request: SandboxRequest, eventType: string, filter: ActivityFilter): void {
  if (!PRIVATE_EVENT_TYPES.has(eventType)) return;
  if (request.caller.kind !== 'user') {
    throw problems.unsupportedAuthentication(
      `${eventType} is a private event: create its subscription with the OAuth 2.0 User Context token of the user in filter.user_id.`,
    );
  }
  if (request.caller.user.id !== filter.user_id) throw problems.forbidden(`You can only subscribe to ${eventType} events of the authenticating user.`);
}

function createSubscription(request: SandboxRequest, context: SandboxContext) {
  const body = bodyJson(request);
  if (!isRecord(body)) throw badBody('', 'the request body must be a JSON object');
  onlyKeys(body, ['event_type', 'filter', 'tag', 'webhook_id']);
  const eventType = body.event_type;
  if (typeof eventType !== 'string') throw badBody('.event_type', eventType === undefined ? 'is missing but it is required' : 'string expected');
  if (!KNOWN_EVENT_TYPES.includes(eventType)) throw badBody('.event_type', `must be one of [${KNOWN_EVENT_TYPES.join(', ')}]`);
  const filter = parseFilter(body.filter, eventType);
  const tag = optionalTag(body);
  refuseWebhook(body);
  if (filter.user_id !== undefined && !context.users.get(filter.user_id)) {
    throw problems.invalidRequest([{ parameters: { 'filter.user_id': [filter.user_id] }, message: `Could not find user with user_id: [${filter.user_id}].` }]);
  }
  checkPrivate(request, eventType, filter);
  const { subscriptions } = context.activity;
  if (subscriptions.find(eventType, filter)) {
    throw new ProblemReply(409, { title: 'Conflict', detail: `A subscription to ${eventType} with this filter already exists.`, type: 'https://api.twitter.com/2/problems/conflict', status: 409 });
  }
  if (subscriptions.size >= context.tier.activitySubscriptions) {
    throw problems.forbidden(`Your ${context.tier.name} access allows ${context.tier.activitySubscriptions.toLocaleString('en-US')} X Activity subscriptions; delete one to add another.`);
  }
  const subscription = subscriptions.create(eventType, filter, tag);
  return json(200, { data: { subscription: wireSubscription(subscription) }, meta: { total_subscriptions: total(context) } });
}

function listSubscriptions(request: SandboxRequest, context: SandboxContext) {
  const all = context.activity.subscriptions.list();
  const max = request.query.max_results ? Number(request.query.max_results) : DEFAULT_PAGE;
  const token = request.query.pagination_token;
  const start = token ? Number.parseInt(token, 36) : 0;
  if (token && (!/^[0-9a-z]{16}$/.test(token) || start > all.length)) {
    throw problems.invalidRequest([{ parameters: { pagination_token: [token] }, message: `The \`pagination_token\` query parameter value [${token}] is not valid` }]);
  }
  const page = all.slice(start, start + max);
  const meta: Record<string, unknown> = { result_count: page.length };
  if (start + max < all.length) meta.next_token = (start + max).toString(36).padStart(16, '0');
  return json(200, page.length > 0 ? { data: page.map(wireSubscription), meta } : { meta });
}

function subscriptionOf(request: SandboxRequest, context: SandboxContext) {
  const id = request.params.subscription_id!;
  const subscription = context.activity.subscriptions.get(BigInt(id).toString());
  if (!subscription) throw new ProblemReply(404, { title: 'Not Found Error', detail: `Could not find subscription with subscription_id: [${id}].`, type: 'about:blank', status: 404 });
  return subscription;
}

function updateSubscription(request: SandboxRequest, context: SandboxContext) {
  const subscription = subscriptionOf(request, context);
  const body = bodyJson(request);
  if (!isRecord(body)) throw badBody('', 'the request body must be a JSON object');
  onlyKeys(body, ['tag', 'webhook_id']);
  refuseWebhook(body);
  context.activity.subscriptions.updateTag(subscription, optionalTag(body));
  return json(200, { data: { subscription: wireSubscription(subscription), total_subscriptions: total(context) } });
}

function deleteSubscription(request: SandboxRequest, context: SandboxContext) {
  context.activity.subscriptions.delete(subscriptionOf(request, context).id);
  return json(200, { data: { deleted: true }, meta: { total_subscriptions: total(context) } });
}

function openStream(request: SandboxRequest, context: SandboxContext) {
  const enterprise = ENTERPRISE_ONLY.find((name) => request.query[name] !== undefined);
  if (enterprise) {
    throw problems.invalidRequest([{ parameters: { [enterprise]: [request.query[enterprise]!] }, message: `The \`${enterprise}\` query parameter is only available with Enterprise access` }]);
  }
  const streams = context.activity.streams;
  if (streams.openCount >= context.tier.streamConnections) throw problems.tooManyConnections();
  return { kind: 'stream' as const, start: (res: ServerResponse) => streams.open(res, context.faults.takeStreamFaults(ACTIVITY_STREAM_PATH)) };
}

export const routes: Route[] = [
  { operationId: 'createActivitySubscription', handle: createSubscription },
  { operationId: 'getActivitySubscriptions', handle: listSubscriptions },
  { operationId: 'updateActivitySubscription', handle: updateSubscription },
  { operationId: 'deleteActivitySubscription', handle: deleteSubscription },
  { operationId: 'activityStream', handle: openStream },
];
