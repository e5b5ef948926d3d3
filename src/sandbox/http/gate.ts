// What stands between a request and its handler, in X's order: who is calling, whether the
// app's tier has the endpoint, whether the token kind and scopes fit the operation's security,
// the rate limits (headers on every answer, 429 when spent) and the monthly read cap.
import type { IncomingHttpHeaders } from 'node:http';
import type { SandboxContext } from '../context';
import { DAY_MS, STREAM_OPERATIONS, WINDOW_MS } from '../limits/tiers';
import type { SpecOperation } from '../spec/types';
import { problems, type ProblemReply } from './problems';
import type { Caller } from './types';

/** Operations whose answers are posts (they count against, and stop at, the monthly read cap). */
const READS_POSTS = new Set(['searchPostsRecent', 'getPostsById', 'getPostsByIds', 'getUsersMentions', 'getUsersPosts', 'getUsersTimeline', 'streamPosts']);

/** The caller a request's Authorization header names; unknown, expired or revoked tokens give null. */
export function identify(headers: IncomingHttpHeaders, context: SandboxContext): Caller {
  const match = headers.authorization ? /^Bearer\s+(\S+)$/i.exec(headers.authorization) : null;
  if (!match) return { kind: 'none' };
  const checked = context.tokens.check(match[1]!);
  if (!checked.ok) return { kind: 'none' };
  const { token } = checked;
  if (token.kind === 'app') return { kind: 'app', token };
  const user = token.userId ? context.users.get(token.userId) : undefined;
  return user ? { kind: 'user', token, user } : { kind: 'none' };
}

export function checkAccess(operation: SpecOperation, caller: Caller, context: SandboxContext): ProblemReply | null {
  if (caller.kind === 'none') return problems.unauthorized();
  if (STREAM_OPERATIONS.has(operation.operationId) && !context.tier.stream) return problems.clientNotEnrolled();
  const { security } = operation;
  if (caller.kind === 'app' && !security.app) {
    return problems.unsupportedAuthentication(
      'Authenticating with OAuth 2.0 Application-Only is forbidden for this endpoint.  Supported authentication types are [OAuth 1.0a User Context, OAuth 2.0 User Context].',
    );
  }
  if (caller.kind === 'user') {
    if (!security.user) {
      return problems.unsupportedAuthentication(
        'Authenticating with OAuth 2.0 User Context is forbidden for this endpoint.  Supported authentication types are [OAuth 2.0 Application-Only].',
      );
    }
    const missing = security.user.filter((scope) => !caller.token.scopes.includes(scope));
    if (missing.length > 0) return problems.forbidden(`Missing OAuth 2.0 scopes: [${missing.join(', ')}]. Reauthorize the app with them.`);
  }
  return null;
}

export interface LimitVerdict {
  headers: Record<string, string>;
  refusal: ProblemReply | null;
}

/** Counts the request against its windows; X reports the 15-minute window in the headers. */
export function takeRateLimits(operation: SpecOperation, caller: Caller, context: SandboxContext): LimitVerdict {
  const id = operation.operationId;
  const subject = caller.kind === 'user' ? `user:${caller.user.id}` : 'app';
  const headers: Record<string, string> = {};
  let refused = false;
  const window = context.tier.limits[id];
  const windowLimit = caller.kind === 'user' ? window?.user : window?.app;
  if (windowLimit !== undefined) {
    const state = context.limiter.take(`${id}|${subject}`, windowLimit, WINDOW_MS);
    headers['x-rate-limit-limit'] = String(state.limit);
    headers['x-rate-limit-remaining'] = String(state.remaining);
    headers['x-rate-limit-reset'] = String(state.reset);
    refused ||= !state.allowed;
  }
  const daily = context.tier.daily[id];
  if (!refused && daily?.app !== undefined) {
    const state = context.limiter.take(`${id}|day|app`, daily.app, DAY_MS);
    Object.assign(headers, dayHeaders('app', state));
    refused ||= !state.allowed;
  }
  if (!refused && daily?.user !== undefined && caller.kind === 'user') {
    const state = context.limiter.take(`${id}|day|${subject}`, daily.user, DAY_MS);
    Object.assign(headers, dayHeaders('user', state));
    refused ||= !state.allowed;
  }
  if (refused) return { headers, refusal: problems.tooManyRequests() };
  if (READS_POSTS.has(id) && context.usage.capped()) return { headers, refusal: problems.usageCapped('Monthly') };
  return { headers, refusal: null };
}

function dayHeaders(who: 'app' | 'user', state: { limit: number; remaining: number; reset: number }): Record<string, string> {
  return {
    [`x-${who}-limit-24hour-limit`]: String(state.limit),
    [`x-${who}-limit-24hour-remaining`]: String(state.remaining),
    [`x-${who}-limit-24hour-reset`]: String(state.reset),
  };
}
