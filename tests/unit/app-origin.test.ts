import { describe, expect, it } from 'vitest';
import { isAppSender, isAppUrl, isPermissionAllowed } from '../../src/main/app-origin';

describe('the Electron shell\'s own pages', () => {
  it('are the app:// pages, or the dev server in development', () => {
    expect(isAppUrl('app://deckhand/index.html', undefined)).toBe(true);
    expect(isAppUrl('app://deckhand.evil/index.html', undefined)).toBe(false);
    expect(isAppUrl('https://x.com/', undefined)).toBe(false);
    expect(isAppUrl('http://localhost:5173/', 'http://localhost:5173')).toBe(true);
    expect(isAppUrl('http://localhost:5173/', undefined)).toBe(false);
  });

  it('are the dev server\'s exact origin, not an address that merely starts like it', () => {
    const dev = 'http://localhost:5173';
    expect(isAppUrl('http://localhost:5173/index.html', `${dev}/`)).toBe(true);
    expect(isAppUrl('http://localhost:5173.evil.com/', dev)).toBe(false);
    expect(isAppUrl('http://localhost:51730/', dev)).toBe(false);
    expect(isAppUrl('http://localhost:5173@evil.com/', dev)).toBe(false);
    expect(isAppUrl('https://localhost:5173/', dev)).toBe(false);
    expect(isAppUrl('app://deckhand@evil/index.html', undefined)).toBe(false);
    expect(isAppUrl('not a url', dev)).toBe(false);
  });

  it('speak the contract only from their top-level frame', () => {
    expect(isAppSender({ url: 'app://deckhand/index.html', isMainFrame: true }, undefined)).toBe(true);
    expect(isAppSender({ url: 'app://deckhand/index.html', isMainFrame: false }, undefined)).toBe(false);
    expect(isAppSender({ url: 'https://evil.example/', isMainFrame: true }, undefined)).toBe(false);
    expect(isAppSender({ url: 'http://localhost:5173.evil.com/', isMainFrame: true }, 'http://localhost:5173')).toBe(false);
    expect(isAppSender(null, undefined)).toBe(false);
  });

  it('may ask for notifications and nothing else; other pages may ask for nothing', () => {
    expect(isPermissionAllowed('notifications', 'app://deckhand/', undefined)).toBe(true);
    for (const permission of ['media', 'geolocation', 'clipboard-read', 'openExternal']) {
      expect(isPermissionAllowed(permission, 'app://deckhand/', undefined)).toBe(false);
    }
    expect(isPermissionAllowed('notifications', 'https://evil.example/', undefined)).toBe(false);
  });
});
