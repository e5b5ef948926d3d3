// Whether the desktop looks for updates, and where: the feed is the operator's choice at run time,
// so one build can follow a company's own update server. No electron import: unit-tested as is.

/** The environment variable, then the preference (config.json in the data folder), name the feed. */
export const UPDATE_FEED_ENV = 'DECKHAND_UPDATE_URL';
export const UPDATE_FEED_PREFERENCE = 'updates.feedUrl';

export type UpdateFeed = { enabled: true; url: string } | { enabled: false; reason: string };

export interface UpdateFeedInput {
  /** app.isPackaged: a development run (electron-vite dev/preview) never updates itself. */
  packaged: boolean;
  /** The demo workspace (forced with DECKHAND_DEMO=1, or no X app configured yet). */
  demo: boolean;
  fromEnv: string | undefined;
  fromPreference: unknown;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

export function updateFeedFrom(input: UpdateFeedInput): UpdateFeed {
  if (!input.packaged) return { enabled: false, reason: 'a development build does not update itself' };
  if (input.demo) return { enabled: false, reason: 'the demo workspace does not update itself' };
  const fromEnv = input.fromEnv?.trim();
  const source = fromEnv ? UPDATE_FEED_ENV : UPDATE_FEED_PREFERENCE;
  const raw = fromEnv || (typeof input.fromPreference === 'string' ? input.fromPreference.trim() : '');
  if (!raw) return { enabled: false, reason: `no update feed configured (${UPDATE_FEED_ENV} or the ${UPDATE_FEED_PREFERENCE} preference)` };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { enabled: false, reason: `${source} is not a URL: "${raw}"` };
  }
  // Updates are code the app will run: https only (plain http on loopback, for a local test server).
  const secure = url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname));
  if (!secure) return { enabled: false, reason: `${source} must be an https URL, not "${url.protocol}//${url.host}"` };
  // The URL is logged; credentials in it would end up in the log file.
  if (url.username || url.password) return { enabled: false, reason: `${source} must not carry a user name or password` };
  return { enabled: true, url: url.toString() };
}
