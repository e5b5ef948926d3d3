import { describe, expect, it } from 'vitest';
import { isOpenableAuthorizationUrl } from '../../src/shared/sign-in-url';

describe('which sign-in pages the desktop app opens in the system browser', () => {
  it("opens X's https page and the local sandbox's authorize page", () => {
    expect(isOpenableAuthorizationUrl('https://x.com/i/oauth2/authorize?client_id=a')).toBe(true);
    expect(isOpenableAuthorizationUrl('http://127.0.0.1:5555/i/oauth2/authorize?client_id=a')).toBe(true);
  });

  it('refuses anything else', () => {
    for (const url of [
      'http://example.com/i/oauth2/authorize',
      'http://127.0.0.1:5555/other',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'https://user:pw@x.com/',
      'not a url',
    ]) {
      expect(isOpenableAuthorizationUrl(url), url).toBe(false);
    }
  });
});
