// Talks to a running X API sandbox's admin API, as tests and demos do.
export interface SandboxPost {
  id: string;
  text: string;
  author: string;
  created_at: string;
  in_reply_to_post_id: string | null;
  media?: SandboxPostMedia[];
}

/** A post's media as GET /_sandbox/posts lists it. */
export interface SandboxPostMedia {
  media_key: string;
  type: SandboxMediaInput['type'];
  url: string | null;
  preview_image_url: string | null;
  width: number;
  height: number;
  alt_text: string | null;
}

/** A photo, video or GIF attached through the admin API (one to four photos, or one video or GIF). */
export interface SandboxMediaInput {
  type: 'photo' | 'video' | 'animated_gif';
  url?: string;
  preview_image_url?: string;
  width?: number;
  height?: number;
  alt_text?: string;
  duration_ms?: number;
}

export interface SandboxTokenPair {
  token_type: 'bearer';
  expires_in: number;
  access_token: string;
  scope: string;
  refresh_token?: string;
}

export interface SandboxFault {
  kind: 'disconnect' | 'stall' | 'http_error' | 'rate_limit' | 'malformed_line' | 'duplicate' | 'too_many_connections' | 'late_answer';
  path?: string;
  status?: number;
  count?: number;
  seconds?: number;
}

export interface SandboxIssuedToken {
  token: string;
  kind: 'app' | 'user' | 'refresh';
  username: string | null;
  scopes: string[];
  revoked: boolean;
  used: boolean;
  expires_at: string | null;
}

export interface SandboxRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  token_kind: 'app' | 'user' | 'none';
  status: number;
}

async function json<T>(response: Response): Promise<T> {
  if (!response.ok) throw new Error(`sandbox admin answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

export function sandboxAdmin(base: string) {
  const url = (path: string) => new URL(path, base).toString();
  const send = async <T>(method: string, path: string, body?: unknown) =>
    json<T>(await fetch(url(path), { method, headers: { 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) }));
  return {
    createPost: async (body: { author: string; text: string; in_reply_to_post_id?: string; quote_of_post_id?: string; lang?: string; created_at?: string; media?: SandboxMediaInput[] }) =>
      json<{ id: string }>(await fetch(url('/_sandbox/posts'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })),
    createUser: (body: { username: string; name?: string; description?: string; followers?: number; verified?: boolean; protected?: boolean; follows?: string[] }) =>
      send<{ id: string; username: string }>('POST', '/_sandbox/users', body),
    userToken: (username: string, scopes?: string[]) => send<SandboxTokenPair>('POST', '/_sandbox/tokens', { username, ...(scopes ? { scopes } : {}) }),
    appToken: async () => (await send<{ access_token: string }>('POST', '/_sandbox/tokens', { app: true })).access_token,
    tokens: async () => (await send<{ tokens: SandboxIssuedToken[] }>('GET', '/_sandbox/tokens')).tokens,
    fault: (fault: SandboxFault) => send<{ applied: 'open_stream' | 'scheduled' }>('POST', '/_sandbox/faults', fault),
    clearFaults: () => send<unknown>('DELETE', '/_sandbox/faults'),
    createDm: (body: { from: string; to: string; text: string }) => send<{ id: string; dm_conversation_id: string }>('POST', '/_sandbox/dms', body),
    traffic: (body: { rate: number; seed?: number; brands?: string[]; count?: number }) =>
      send<{ running: boolean; rate: number; seed: number; brands: string[]; emitted: number }>('POST', '/_sandbox/traffic', body),
    postsBy: async (author: string) => (await json<{ posts: SandboxPost[] }>(await fetch(url(`/_sandbox/posts?author=${encodeURIComponent(author)}`)))).posts,
    requests: async () => (await json<{ requests: SandboxRequest[] }>(await fetch(url('/_sandbox/requests')))).requests,
    setTraffic: async (rate: number, seed = 1) =>
      json<unknown>(await fetch(url('/_sandbox/traffic'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ rate, seed }) })),
  };
}

/** Polls until `check` returns a value (not undefined/false), or fails with what it last saw. */
export async function eventually<T>(check: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 5_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
