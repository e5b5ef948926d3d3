// Admin API (not X): tokens, the request log, synthetic traffic and faults.
import type { SandboxContext } from '../context';
import { ACTIVITY_STREAM_PATH, FAULT_KINDS, isStreamFault, streamOf, type Fault, type FaultKind } from '../faults';
import { json, type Route, type SandboxRequest } from '../http/types';
import { DEFAULT_USER_SCOPES } from '../state/tokens';
import { adminBody, AdminInputError, guarded, optionalBoolean, optionalNumber, optionalString, optionalStrings, requiredString } from './admin-input';

function issueToken(request: SandboxRequest, context: SandboxContext) {
  return guarded(() => {
    const body = adminBody(request);
    if (optionalBoolean(body, 'app') === true) return json(200, context.tokens.issueApp());
    const user = context.users.ensure(requiredString(body, 'username').replace(/^@/, ''));
    const scopes = optionalStrings(body, 'scopes') ?? [...DEFAULT_USER_SCOPES];
    return json(200, context.tokens.issueUser(user.id, scopes));
  });
}

function listTokens(_request: SandboxRequest, context: SandboxContext) {
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  return json(200, {
    tokens: context.tokens.list().map((token) => ({
      token: token.value,
      kind: token.kind,
      username: token.userId ? (context.users.get(token.userId)?.username ?? null) : null,
      scopes: token.scopes,
      client_id: token.clientId,
      issued_at: iso(token.issuedAt),
      expires_at: iso(token.expiresAt),
      revoked: token.revokedAt !== null,
      used: token.usedAt !== null,
    })),
  });
}

function configureTraffic(request: SandboxRequest, context: SandboxContext) {
  return guarded(() => {
    const body = adminBody(request);
    const current = context.traffic.status();
    const rate = optionalNumber(body, 'rate', 0, 1_000_000) ?? (body.count !== undefined ? 0 : current.rate);
    const seed = optionalNumber(body, 'seed') ?? current.seed;
    const brands = (optionalStrings(body, 'brands') ?? current.brands).map((brand) => brand.replace(/^@/, ''));
    if (brands.length === 0) throw new AdminInputError('brands must name at least one brand');
    for (const brand of brands) context.users.ensure(brand);
    const count = optionalNumber(body, 'count', 0, 100_000_000);
    return json(200, context.traffic.configure({ rate, seed, brands, ...(count !== undefined ? { count: Math.floor(count) } : {}) }));
  });
}

function scheduleFault(request: SandboxRequest, context: SandboxContext) {
  return guarded(() => {
    const body = adminBody(request);
    const kind = requiredString(body, 'kind');
    if (!(FAULT_KINDS as readonly string[]).includes(kind)) throw new AdminInputError(`kind must be one of ${FAULT_KINDS.join(', ')}`);
    const fault: Fault = { kind: kind as FaultKind };
    const path = optionalString(body, 'path');
    const status = optionalNumber(body, 'status', 400, 599);
    const count = optionalNumber(body, 'count', 1, 1_000_000);
    const seconds = optionalNumber(body, 'seconds', 0, 86_400);
    if (path !== undefined) fault.path = path;
    if (status !== undefined) fault.status = status;
    if (count !== undefined) fault.count = count;
    if (seconds !== undefined) fault.seconds = seconds;
    // A stream fault hits the open stream now, or waits for the next one to connect.
    if (isStreamFault(fault)) {
      const streams = streamOf(fault) === ACTIVITY_STREAM_PATH ? context.activity.streams : context.streams;
      if (streams.applyFault(fault)) return json(200, { fault, applied: 'open_stream' });
    }
    context.faults.schedule(fault);
    return json(200, { fault, applied: 'scheduled' });
  });
}

export const routes: Route[] = [
  { method: 'POST', path: '/_sandbox/tokens', admin: true, handle: issueToken },
  { method: 'GET', path: '/_sandbox/tokens', admin: true, handle: listTokens },
  { method: 'GET', path: '/_sandbox/requests', admin: true, handle: (_request, context) => json(200, { requests: context.log.list(), counts: context.log.counts() }) },
  {
    method: 'DELETE',
    path: '/_sandbox/requests',
    admin: true,
    handle: (_request, context) => {
      context.log.clear();
      return json(200, { cleared: true });
    },
  },
  { method: 'GET', path: '/_sandbox/traffic', admin: true, handle: (_request, context) => json(200, context.traffic.status()) },
  { method: 'POST', path: '/_sandbox/traffic', admin: true, handle: configureTraffic },
  { method: 'POST', path: '/_sandbox/faults', admin: true, handle: scheduleFault },
  { method: 'GET', path: '/_sandbox/faults', admin: true, handle: (_request, context) => json(200, context.faults.pending) },
  {
    method: 'DELETE',
    path: '/_sandbox/faults',
    admin: true,
    handle: (_request, context) => {
      context.faults.clear();
      return json(200, { cleared: true });
    },
  },
  {
    method: 'GET',
    path: '/_sandbox/state',
    admin: true,
    handle: (_request, context) =>
      json(200, {
        tier: context.tier.name,
        stream: context.tier.stream,
        posts: context.posts.size,
        users: context.users.size,
        rules: context.rules.size,
        open_streams: context.streams.openCount,
        activity_subscriptions: context.activity.subscriptions.size,
        open_activity_streams: context.activity.streams.openCount,
        post_reads_this_month: context.usage.monthToDate(),
      }),
  },
];
