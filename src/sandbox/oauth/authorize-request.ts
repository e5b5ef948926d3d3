// Reads an authorize request (GET /i/oauth2/authorize, or the consent form posting it back):
// Authorization Code with PKCE, as X requires it. Anything wrong gives a message for people;
// the page then shows it and redirects nowhere (the redirect_uri cannot be trusted yet).
import { acceptsRedirect, type AppRegistry, type OAuthApp } from './apps';
import { isKnownScope } from './scopes';

export interface AuthorizeRequest {
  app: OAuthApp;
  redirectUri: string;
  scopes: string[];
  state: string;
  codeChallenge: string;
}

export type ParsedAuthorize = { ok: true; request: AuthorizeRequest } | { ok: false; message: string };

/** base64url of a SHA-256 digest (43 characters), or any RFC 7636 challenge of 43-128. */
const CHALLENGE_PATTERN = /^[A-Za-z0-9._~-]{43,128}$/;
const MAX_STATE_LENGTH = 500;

export function parseAuthorizeRequest(params: Readonly<Record<string, string>>, apps: AppRegistry): ParsedAuthorize {
  const refuse = (message: string): ParsedAuthorize => ({ ok: false, message });
  const clientId = params.client_id ?? '';
  if (clientId === '') return refuse('The request names no client_id.');
  const app = apps.get(clientId);
  if (!app) return refuse(`No X app has the client_id "${clientId}". Check the Client ID in the app's settings.`);
  const redirectUri = params.redirect_uri ?? '';
  if (redirectUri === '') return refuse('The request names no redirect_uri.');
  if (!acceptsRedirect(app, redirectUri)) {
    return refuse(`The redirect_uri "${redirectUri}" is not registered for ${app.name}. X accepts only the exact callback URLs an app registered.`);
  }
  if (params.response_type !== 'code') return refuse('response_type must be "code" (Authorization Code flow).');
  const challenge = params.code_challenge ?? '';
  if (challenge === '') return refuse('The request has no code_challenge: X requires PKCE.');
  const method = params.code_challenge_method ?? '';
  if (method.toUpperCase() !== 'S256') {
    return refuse(`code_challenge_method must be S256${method === '' ? '' : `, not "${method}"`}: the sandbox does not accept the plain method.`);
  }
  if (!CHALLENGE_PATTERN.test(challenge)) return refuse('code_challenge must be 43-128 characters of A-Z a-z 0-9 . _ ~ - (base64url of the verifier\'s SHA-256).');
  const state = params.state ?? '';
  if (state === '') return refuse('The request has no state: X requires one, so the app can check the answer is for its own request.');
  if (state.length > MAX_STATE_LENGTH) return refuse(`state is longer than ${MAX_STATE_LENGTH} characters.`);
  const scopes = [...new Set((params.scope ?? '').split(' ').filter((scope) => scope !== ''))];
  if (scopes.length === 0) return refuse('The request asks for no scope.');
  const unknown = scopes.filter((scope) => !isKnownScope(scope));
  if (unknown.length > 0) return refuse(`X has no scope named ${unknown.map((scope) => `"${scope}"`).join(', ')}.`);
  return { ok: true, request: { app, redirectUri, scopes, state, codeChallenge: challenge } };
}

/** The parameters that carry an authorize request from the consent page back to the sandbox. */
export function requestParameters(request: AuthorizeRequest): Record<string, string> {
  return {
    response_type: 'code',
    client_id: request.app.clientId,
    redirect_uri: request.redirectUri,
    scope: request.scopes.join(' '),
    state: request.state,
    code_challenge: request.codeChallenge,
    code_challenge_method: 'S256',
  };
}

/** `redirect_uri` with the answer's parameters added (keeping any query the URI already has). */
export function redirectWith(redirectUri: string, params: Record<string, string>): string {
  const url = new URL(redirectUri);
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  return url.toString();
}
