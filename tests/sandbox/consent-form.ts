// Plays the browser on the sandbox's consent page without following the redirect: open the
// authorize URL, then post the form as its buttons would ("Authorize app" or "Cancel").
export interface ConsentAnswer {
  status: number;
  /** Where the sandbox sends the browser (the app's callback), when it redirects. */
  location: URL | null;
  html: string;
}

const HIDDEN_INPUT = /<input type="hidden" name="([^"]*)" value="([^"]*)">/g;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" };
const unescapeHtml = (text: string) => text.replace(/&(amp|lt|gt|quot|#39);/g, (_all, name: string) => ENTITIES[name]!);

export async function submitConsent(authorizeUrl: string, fields: { username?: string; decision?: 'authorize' | 'deny' } = {}): Promise<ConsentAnswer> {
  const page = await fetch(authorizeUrl);
  const html = await page.text();
  if (page.status !== 200) return { status: page.status, location: null, html };
  const form = new URLSearchParams();
  for (const [, name, value] of html.matchAll(HIDDEN_INPUT)) form.set(unescapeHtml(name!), unescapeHtml(value!));
  form.set('username', fields.username ?? 'AcmeAir');
  form.set('decision', fields.decision ?? 'authorize');
  const answer = await fetch(new URL('/i/oauth2/authorize', authorizeUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form,
    redirect: 'manual',
  });
  const location = answer.headers.get('location');
  return { status: answer.status, location: location ? new URL(location) : null, html: await answer.text() };
}
