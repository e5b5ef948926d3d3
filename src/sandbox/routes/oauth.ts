// OAuth 2.0 Authorization Code with PKCE, X's wire format (these endpoints are not in the OpenAPI
// file; they follow X's OAuth 2.0 documentation): the consent page at /i/oauth2/authorize, the
// token and revoke endpoints, and the admin API's app registry (POST/GET /_sandbox/apps).
import type { SandboxContext } from '../context';
import { json, type Route, type SandboxRequest, type TextReply } from '../http/types';
import { parseAuthorizeRequest, redirectWith } from '../oauth/authorize-request';
import { consentPage, errorPage, redirectTo, STYLESHEET, STYLESHEET_PATH } from '../oauth/page';
import { readForm, revokeEndpoint, tokenEndpoint } from '../oauth/token-endpoint';
import { USERNAME_PATTERN } from '../state/users';
import { adminBody, guarded, optionalStrings, requiredString } from './admin-input';

function showConsent(request: SandboxRequest, context: SandboxContext): TextReply {
  const parsed = parseAuthorizeRequest(request.query, context.oauth.apps);
  return parsed.ok ? consentPage(parsed.request) : errorPage(parsed.message);
}

/** The consent form's answer: a code for the named account, or access_denied; `state` as sent. */
function decide(request: SandboxRequest, context: SandboxContext): TextReply {
  const form = readForm(request);
  if (!form) return errorPage('The form could not be read.');
  const parsed = parseAuthorizeRequest(form, context.oauth.apps);
  if (!parsed.ok) return errorPage(parsed.message);
  const authorize = parsed.request;
  if (form.decision === 'deny') return redirectTo(redirectWith(authorize.redirectUri, { error: 'access_denied', state: authorize.state }));
  if (form.decision !== 'authorize') return consentPage(authorize, { error: 'Choose "Authorize app" or "Cancel".' });
  const username = (form.username ?? '').trim().replace(/^@/, '');
  if (!USERNAME_PATTERN.test(username)) {
    const error = username === '' ? 'Enter the username to sign in as.' : `"${username}" is not a valid X username (1-15 letters, digits or _).`;
    return consentPage(authorize, { error, username });
  }
  const user = context.users.ensure(username);
  const code = context.oauth.codes.issue({
    clientId: authorize.app.clientId,
    redirectUri: authorize.redirectUri,
    userId: user.id,
    scopes: authorize.scopes,
    codeChallenge: authorize.codeChallenge,
  });
  return redirectTo(redirectWith(authorize.redirectUri, { state: authorize.state, code }));
}

function registerApp(request: SandboxRequest, context: SandboxContext) {
  return guarded(() => {
    const body = adminBody(request);
    const app = context.oauth.apps.register({
      clientId: requiredString(body, 'client_id'),
      name: requiredString(body, 'name'),
      redirectUris: optionalStrings(body, 'redirect_uris') ?? [],
    });
    return json(201, describeApp(app));
  });
}

const describeApp = (app: { clientId: string; name: string; redirectUris: readonly string[]; anyLoopbackPort: boolean }) => ({
  client_id: app.clientId,
  name: app.name,
  redirect_uris: app.redirectUris,
  any_loopback_port: app.anyLoopbackPort,
});

export const routes: Route[] = [
  { method: 'GET', path: '/i/oauth2/authorize', handle: showConsent },
  { method: 'POST', path: '/i/oauth2/authorize', handle: decide },
  // The page's assets are not X API requests: they skip the gate and the request log.
  {
    method: 'GET',
    path: STYLESHEET_PATH,
    admin: true,
    handle: () => ({ kind: 'text', status: 200, body: STYLESHEET, contentType: 'text/css; charset=utf-8', headers: { 'cache-control': 'max-age=3600' } }),
  },
  { method: 'GET', path: '/favicon.ico', admin: true, handle: () => ({ kind: 'text', status: 204, body: '', contentType: 'image/x-icon' }) },
  { method: 'POST', path: '/2/oauth2/token', handle: tokenEndpoint },
  { method: 'POST', path: '/2/oauth2/revoke', handle: revokeEndpoint },
  { method: 'POST', path: '/_sandbox/apps', admin: true, handle: registerApp },
  { method: 'GET', path: '/_sandbox/apps', admin: true, handle: (_request, context) => json(200, { apps: context.oauth.apps.list().map(describeApp) }) },
];
