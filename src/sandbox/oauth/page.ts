// The consent page and the error page of the sandbox's authorize endpoint: plain HTML with one
// stylesheet, no script, a strict Content-Security-Policy. The page names the app and the scopes
// it asks for; "Username" says which sandbox account signs in (unknown usernames are created, as
// the admin API does, so any handle can be connected).
import type { TextReply } from '../http/types';
import { requestParameters, type AuthorizeRequest } from './authorize-request';
import { SCOPE_DESCRIPTIONS } from './scopes';

export const STYLESHEET_PATH = '/i/oauth2/consent.css';

export const STYLESHEET = `body{font:16px/1.5 system-ui,sans-serif;background:#f5f8fa;color:#0f1419;margin:0}
main{max-width:28rem;margin:3rem auto;background:#fff;border-radius:1rem;padding:2rem;box-shadow:0 1px 3px #0003}
h1{font-size:1.4rem;margin:0 0 1rem}ul{padding-left:1.2rem}.note{color:#536471;font-size:.9rem}
.error{background:#fde8ea;color:#a0111f;border-radius:.5rem;padding:.75rem}
label{display:block;font-weight:600;margin:1rem 0 .25rem}input{width:100%;box-sizing:border-box;padding:.6rem;font:inherit;border:1px solid #cfd9de;border-radius:.4rem}
.actions{display:flex;gap:.75rem;margin-top:1.5rem}button{flex:1;padding:.7rem;font:inherit;font-weight:700;border-radius:2rem;border:1px solid #0f1419;background:#fff;cursor:pointer}
button[value=authorize]{background:#0f1419;color:#fff}
`;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => ESCAPES[char]!);

/** No script at all; forms may post only here and (after the redirect) to the app's callback. */
function securityHeaders(formTarget?: string): Record<string, string> {
  const formAction = formTarget ? `'self' ${new URL(formTarget).origin}` : "'none'";
  return {
    'content-security-policy': `default-src 'none'; style-src 'self'; img-src 'self'; form-action ${formAction}; frame-ancestors 'none'; base-uri 'none'`,
    'x-frame-options': 'DENY',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
  };
}

function document(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="${STYLESHEET_PATH}">
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

export function consentPage(request: AuthorizeRequest, options: { error?: string; username?: string } = {}): TextReply {
  const app = escapeHtml(request.app.name);
  const scopes = request.scopes.map((scope) => `<li><strong>${escapeHtml(scope)}</strong>: ${escapeHtml(SCOPE_DESCRIPTIONS[scope] ?? scope)}</li>`).join('\n');
  const hidden = Object.entries(requestParameters(request))
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('\n');
  const error = options.error ? `<p class="error" role="alert">${escapeHtml(options.error)}</p>\n` : '';
  const body = `<h1>${app} wants to access your X account</h1>
<p>${app} will be able to:</p>
<ul aria-label="Requested permissions">
${scopes}
</ul>
${error}<form method="post" action="/i/oauth2/authorize">
${hidden}
<label for="username">Username</label>
<input id="username" name="username" autocomplete="username" autocapitalize="none" spellcheck="false" required value="${escapeHtml(options.username ?? '')}">
<p class="note">X API sandbox: sign in as any sandbox account; an unknown username is created.</p>
<div class="actions">
<button type="submit" name="decision" value="authorize">Authorize app</button>
<button type="submit" name="decision" value="deny" formnovalidate>Cancel</button>
</div>
</form>`;
  return { kind: 'text', status: options.error ? 400 : 200, body: document(`Authorize ${request.app.name}`, body), contentType: 'text/html; charset=utf-8', headers: securityHeaders(request.redirectUri) };
}

export function errorPage(message: string, status = 400): TextReply {
  const body = `<h1>This authorization request cannot be completed</h1>
<p class="error" role="alert">${escapeHtml(message)}</p>
<p class="note">Nothing was sent back to the app. Start again from the app.</p>`;
  return { kind: 'text', status, body: document('Authorization error', body), contentType: 'text/html; charset=utf-8', headers: securityHeaders() };
}

/** 302 to the app's callback. */
export function redirectTo(location: string): TextReply {
  return { kind: 'text', status: 302, body: '', contentType: 'text/plain; charset=utf-8', headers: { location, 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' } };
}
