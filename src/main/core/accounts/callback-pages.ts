// The pages the system browser shows after X sends the user back to Deckhand. Static HTML, every
// value escaped, no script, no external resource, no referrer (the URL carried the code).

export interface CallbackPage {
  status: number;
  title: string;
  message: string;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => ESCAPES[char]!);

export const CALLBACK_PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy': "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
} as const;

export function renderCallbackPage(page: CallbackPage): string {
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(page.title)} — Deckhand</title></head>`,
    `<body><main><h1>${escapeHtml(page.title)}</h1><p>${escapeHtml(page.message)}</p></main></body></html>`,
  ].join('\n');
}

export const connectedPage = (username: string): CallbackPage => ({
  status: 200,
  title: `@${username} is connected`,
  message: `Deckhand can now work as @${username}. You can close this tab and return to Deckhand.`,
});

export const failedPage = (message: string, status = 400): CallbackPage => ({
  status,
  title: 'The account was not connected',
  message: `${message} Nothing was saved. Start again from Deckhand (Accounts → Connect X account).`,
});
