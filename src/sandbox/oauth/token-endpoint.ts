// POST /2/oauth2/token and POST /2/oauth2/revoke, as X documents them for a public client:
// form-encoded bodies (JSON is read too: twitter-api-v2 sends JSON unless told otherwise), the
// client named by `client_id` in the body or by Basic auth, OAuth errors as
// `{error, error_description}`. Tokens come from the same store as the admin API's.
import type { IncomingHttpHeaders } from 'node:http';
import type { SandboxContext } from '../context';
import { json, type JsonReply, type SandboxRequest } from '../http/types';
import type { OAuthApp } from './apps';

type Form = Record<string, string>;

const NO_STORE = { 'cache-control': 'no-store', pragma: 'no-cache' };

export const oauthError = (status: number, error: string, description: string): JsonReply => json(status, { error, error_description: description }, NO_STORE);

/** The body's parameters (string values only), or null when it cannot be read. */
export function readForm(request: SandboxRequest): Form | null {
  const raw = request.body.toString('utf8');
  const type = String(request.headers['content-type'] ?? '').toLowerCase();
  if (type.includes('application/json')) {
    try {
      const parsed: unknown = raw === '' ? {} : JSON.parse(raw);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
      const form: Form = {};
      for (const [name, value] of Object.entries(parsed)) if (typeof value === 'string' || typeof value === 'number') form[name] = String(value);
      return form;
    } catch {
      return null;
    }
  }
  return Object.fromEntries(new URLSearchParams(raw));
}

/** The client id from Basic auth (RFC 6749 §2.3.1: form-encoded id, then ':' and secret). */
function basicClientId(headers: IncomingHttpHeaders): string | null {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(headers.authorization ?? '');
  if (!match) return null;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  try {
    return decodeURIComponent((colon === -1 ? decoded : decoded.slice(0, colon)).replace(/\+/g, ' '));
  } catch {
    return null;
  }
}

function clientOf(form: Form, request: SandboxRequest, context: SandboxContext): OAuthApp | JsonReply {
  const fromHeader = basicClientId(request.headers);
  const fromBody = form.client_id;
  if (fromHeader !== null && fromBody !== undefined && fromHeader !== fromBody) return oauthError(400, 'invalid_request', 'client_id in the body and in the Authorization header differ.');
  const clientId = fromHeader ?? fromBody;
  if (!clientId) return oauthError(401, 'invalid_client', 'Missing valid authorization header or client_id.');
  return context.oauth.apps.get(clientId) ?? oauthError(401, 'invalid_client', `No X app has the client_id "${clientId}".`);
}

function withClient(request: SandboxRequest, context: SandboxContext, run: (form: Form, app: OAuthApp) => JsonReply): JsonReply {
  const form = readForm(request);
  if (!form) return oauthError(400, 'invalid_request', 'The body must be application/x-www-form-urlencoded.');
  const app = clientOf(form, request, context);
  return 'kind' in app ? app : run(form, app);
}

const missing = (names: string[], form: Form) => names.filter((name) => !form[name]);

function exchangeCode(form: Form, app: OAuthApp, context: SandboxContext): JsonReply {
  const absent = missing(['code', 'redirect_uri', 'code_verifier'], form);
  if (absent.length > 0) return oauthError(400, 'invalid_request', `Missing required parameter${absent.length > 1 ? 's' : ''}: ${absent.join(', ')}.`);
  const redeemed = context.oauth.codes.redeem(form.code!, { clientId: app.clientId, redirectUri: form.redirect_uri!, codeVerifier: form.code_verifier! });
  if (!redeemed.ok) return oauthError(400, 'invalid_grant', redeemed.description);
  const { grant } = redeemed;
  if (!context.users.get(grant.userId)) return oauthError(400, 'invalid_grant', 'The account that authorized the app no longer exists.');
  return json(200, context.tokens.issueUser(grant.userId, grant.scopes, app.clientId), NO_STORE);
}

function refresh(form: Form, app: OAuthApp, context: SandboxContext): JsonReply {
  if (!form.refresh_token) return oauthError(400, 'invalid_request', 'Missing required parameter: refresh_token.');
  const refreshed = context.tokens.refresh(form.refresh_token, app.clientId);
  if (!refreshed.ok) {
    const why = refreshed.reason === 'used' ? ' It was already used: refresh tokens work once.' : refreshed.reason === 'revoked' ? ' It was revoked.' : '';
    return oauthError(400, 'invalid_grant', `Value passed for the token was invalid.${why}`);
  }
  return json(200, refreshed.pair, NO_STORE);
}

export function tokenEndpoint(request: SandboxRequest, context: SandboxContext): JsonReply {
  return withClient(request, context, (form, app) => {
    switch (form.grant_type) {
      case 'authorization_code':
        return exchangeCode(form, app, context);
      case 'refresh_token':
        return refresh(form, app, context);
      case undefined:
      case '':
        return oauthError(400, 'invalid_request', 'Missing required parameter: grant_type.');
      default:
        return oauthError(400, 'unsupported_grant_type', `grant_type "${form.grant_type}" is not supported (use authorization_code or refresh_token).`);
    }
  });
}

/** RFC 7009: the answer is the same whether or not the token existed; another client's token is left alone. */
export function revokeEndpoint(request: SandboxRequest, context: SandboxContext): JsonReply {
  return withClient(request, context, (form, app) => {
    if (!form.token) return oauthError(400, 'invalid_request', 'Missing required parameter: token.');
    const hint = form.token_type_hint;
    if (hint !== undefined && hint !== 'access_token' && hint !== 'refresh_token') {
      return oauthError(400, 'unsupported_token_type', 'token_type_hint must be access_token or refresh_token.');
    }
    const token = context.tokens.list().find((issued) => issued.value === form.token);
    if (token && token.kind !== 'app' && token.clientId === app.clientId) context.tokens.revoke(token.value);
    return json(200, { revoked: true }, NO_STORE);
  });
}
