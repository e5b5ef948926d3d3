// Checks X Activity API stream lines against the official spec (../shared/x-api/openapi.json):
// - the envelope against the spec's ActivityStreamingResponse (the answer of GET /2/activity/stream);
// - post.mention.create payloads against the spec's Tweet, `includes.users` against its User;
// - dm.sent / dm.received payloads: their `users` map's User objects against the spec's User, and
//   the legacy message_create event against the small schema below, written from X's "X Activity
//   API event payload examples" page, because the spec (2.159) has no schema for these events: its
//   ActivityStreamingResponsePayload lists profile, news and follow payloads only.
import type { ValidateFunction } from 'ajv';
import { DOCUMENT_ID } from '../helpers/spec-document';
import { specAjv, validateResponse } from '../helpers/spec-validator';

const INDICES = { type: 'array', items: { type: 'integer', minimum: 0 }, minItems: 2, maxItems: 2 };
const ID = { type: 'string', pattern: '^[0-9]{1,19}$' };

/** X's legacy DM event as dm.sent / dm.received deliver it (docs.x.com, event payload examples). */
const LEGACY_DM_EVENT = {
  type: 'object',
  required: ['type', 'id', 'created_timestamp', 'message_create'],
  additionalProperties: false,
  properties: {
    type: { const: 'message_create' },
    id: ID,
    created_timestamp: { type: 'string', pattern: '^[0-9]{13}$' },
    message_create: {
      type: 'object',
      required: ['target', 'sender_id', 'message_data'],
      additionalProperties: false,
      properties: {
        target: { type: 'object', required: ['recipient_id'], additionalProperties: false, properties: { recipient_id: ID } },
        sender_id: ID,
        message_data: {
          type: 'object',
          required: ['text', 'entities'],
          properties: {
            text: { type: 'string' },
            entities: {
              type: 'object',
              required: ['hashtags', 'symbols', 'user_mentions', 'urls'],
              additionalProperties: false,
              properties: {
                hashtags: { type: 'array', items: { type: 'object', required: ['text', 'indices'], properties: { text: { type: 'string' }, indices: INDICES } } },
                symbols: { type: 'array', items: { type: 'object', required: ['text', 'indices'], properties: { text: { type: 'string' }, indices: INDICES } } },
                user_mentions: { type: 'array', items: { type: 'object', required: ['screen_name', 'indices'], properties: { screen_name: { type: 'string' }, id_str: ID, indices: INDICES } } },
                urls: { type: 'array', items: { type: 'object', required: ['url', 'indices'], properties: { url: { type: 'string' }, expanded_url: { type: 'string' }, display_url: { type: 'string' }, indices: INDICES } } },
              },
            },
          },
        },
      },
    },
  },
};

const DM_PAYLOAD = {
  type: 'object',
  required: ['direct_message_events', 'users'],
  additionalProperties: false,
  properties: {
    direct_message_events: { type: 'array', minItems: 1, items: LEGACY_DM_EVENT },
    users: { type: 'object', additionalProperties: { type: 'object', required: ['data'], additionalProperties: false, properties: { data: { $ref: `${DOCUMENT_ID}#/components/schemas/User` } } } },
  },
};

let validators: { tweet: ValidateFunction; user: ValidateFunction; dm: ValidateFunction } | null = null;

function load() {
  if (validators) return validators;
  const ajv = specAjv();
  validators = {
    tweet: ajv.compile({ $ref: `${DOCUMENT_ID}#/components/schemas/Tweet` }),
    user: ajv.compile({ $ref: `${DOCUMENT_ID}#/components/schemas/User` }),
    dm: ajv.compile(DM_PAYLOAD),
  };
  return validators;
}

const errorsOf = (validate: ValidateFunction, what: string) => (validate.errors ?? []).map((error) => `${what}${error.instancePath} ${error.message ?? 'is invalid'}`);

/** What is wrong with one activity-stream line (an empty list when it conforms). */
export function activityLineProblems(line: string): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return [`not JSON: ${line.slice(0, 120)}`];
  }
  if (typeof parsed !== 'object' || parsed === null || !('data' in parsed)) {
    const result = validateResponse('GET', '/2/activity/stream', 200, parsed);
    return result.ok ? [] : result.errors;
  }
  const { data } = parsed as { data: Record<string, unknown> };
  const problems: string[] = [];
  for (const key of ['event_type', 'event_uuid', 'filter', 'payload']) if (!(key in data)) problems.push(`data.${key} is missing`);
  const { payload, includes, ...envelope } = data;
  const result = validateResponse('GET', '/2/activity/stream', 200, { data: envelope });
  if (!result.ok) problems.push(...result.errors);
  const { tweet, user, dm } = load();
  if (data.event_type === 'post.mention.create') {
    if (!tweet(payload)) problems.push(...errorsOf(tweet, 'payload'));
    const users = (includes as { users?: unknown[] } | undefined)?.users ?? [];
    users.forEach((item, index) => {
      if (!user(item)) problems.push(...errorsOf(user, `includes.users[${index}]`));
    });
  } else if (data.event_type === 'dm.sent' || data.event_type === 'dm.received') {
    if (!dm(payload)) problems.push(...errorsOf(dm, 'payload'));
  } else problems.push(`unexpected event_type ${String(data.event_type)}`);
  return problems;
}
