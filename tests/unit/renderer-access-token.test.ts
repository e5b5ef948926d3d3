import { describe, expect, it } from 'vitest';
import { ACCESS_TOKEN_STORAGE_KEY, rpcSocketUrl, takeAccessToken } from '../../src/renderer/src/bridge/access-token';
import { reconnectDelayMs } from '../../src/renderer/src/bridge/connection';

function memoryStorage() {
  const values = new Map<string, string>();
  return { getItem: (key: string) => values.get(key) ?? null, setItem: (key: string, value: string) => void values.set(key, value), values };
}

describe('the web host access token', () => {
  it('is taken out of the address bar and kept for this tab', () => {
    const storage = memoryStorage();
    const taken = takeAccessToken('http://127.0.0.1:4100/?token=abc_DEF-123&column=2#top', storage);
    expect(taken).toEqual({ token: 'abc_DEF-123', cleanedUrl: '/?column=2#top' });
    expect(storage.values.get(ACCESS_TOKEN_STORAGE_KEY)).toBe('abc_DEF-123');
  });

  it('is found again after a reload, when the address no longer has it', () => {
    const storage = memoryStorage();
    takeAccessToken('http://127.0.0.1:4100/?token=first', storage);
    expect(takeAccessToken('http://127.0.0.1:4100/', storage)).toEqual({ token: 'first', cleanedUrl: null });
  });

  it('is missing when neither the address nor the tab has it', () => {
    expect(takeAccessToken('http://127.0.0.1:4100/', memoryStorage())).toEqual({ token: null, cleanedUrl: null });
    expect(takeAccessToken('http://127.0.0.1:4100/?token=', memoryStorage()).token).toBeNull();
  });

  it('opens the socket on the host that served the page', () => {
    expect(rpcSocketUrl('http://127.0.0.1:4100/?x=1', 'a b')).toBe('ws://127.0.0.1:4100/rpc?token=a+b');
    expect(rpcSocketUrl('https://deck.example/app', 'tok')).toBe('wss://deck.example/rpc?token=tok');
  });
});

describe('reconnection', () => {
  it('retries quickly at first, then backs off to at most ten seconds', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map(reconnectDelayMs)).toEqual([250, 500, 1000, 2000, 4000, 8000, 10_000, 10_000]);
  });
});
