import { describe, expect, it } from 'vitest';
import { isAppUrl, isPermissionAllowed } from '../../src/main/app-origin';

describe('the Electron shell\'s own pages', () => {
  it('are the app:// pages, or the dev server in development', () => {
    expect(isAppUrl('app://deckhand/index.html', undefined)).toBe(true);
    expect(isAppUrl('app://deckhand.evil/index.html', undefined)).toBe(false);
    expect(isAppUrl('https://x.com/', undefined)).toBe(false);
    expect(isAppUrl('http://localhost:5173/', 'http://localhost:5173')).toBe(true);
    expect(isAppUrl('http://localhost:5173/', undefined)).toBe(false);
  });

  it('may ask for notifications and nothing else; other pages may ask for nothing', () => {
    expect(isPermissionAllowed('notifications', 'app://deckhand/', undefined)).toBe(true);
    for (const permission of ['media', 'geolocation', 'clipboard-read', 'openExternal']) {
      expect(isPermissionAllowed(permission, 'app://deckhand/', undefined)).toBe(false);
    }
    expect(isPermissionAllowed('notifications', 'https://evil.example/', undefined)).toBe(false);
  });
});
