// Plays the user's browser on the sandbox's consent page: sign in as a username, press
// "Authorize app" (or "Cancel"), follow the redirect to Deckhand's callback. And registers apps.
import { submitConsent } from '../sandbox/consent-form';

export interface CallbackAnswer {
  status: number;
  html: string;
  /** Where the sandbox sent the browser (Deckhand's callback, with code or error and state). */
  location: string;
}

/** The consent form answered, then the redirect followed to Deckhand's callback page. */
export async function answerConsent(authorizeUrl: string, username: string, decision: 'authorize' | 'deny' = 'authorize'): Promise<CallbackAnswer> {
  const answer = await submitConsent(authorizeUrl, { username, decision });
  if (answer.status !== 302 || !answer.location) throw new Error(`the consent form answered ${answer.status}: ${answer.html}`);
  const callback = await fetch(answer.location);
  return { status: callback.status, html: await callback.text(), location: answer.location.toString() };
}

export async function registerSandboxApp(sandboxUrl: string, app: { clientId: string; name: string; redirectUris: string[] }): Promise<void> {
  const response = await fetch(new URL('/_sandbox/apps', sandboxUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ client_id: app.clientId, name: app.name, redirect_uris: app.redirectUris }),
  });
  if (!response.ok) throw new Error(`the sandbox refused the app: ${response.status} ${await response.text()}`);
}
