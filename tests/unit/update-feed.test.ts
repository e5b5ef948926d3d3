// Where a packaged desktop looks for updates: only an operator's https feed, never in dev or the demo.
import { describe, expect, it } from 'vitest';
import { updateFeedFrom } from '../../src/main/update-feed';

const packagedTeamDesktop = { packaged: true, demo: false, fromEnv: undefined, fromPreference: undefined };

describe('the update feed', () => {
  it('follows DECKHAND_UPDATE_URL first, then the updates.feedUrl preference', () => {
    expect(updateFeedFrom({ ...packagedTeamDesktop, fromEnv: 'https://updates.acme.example/deckhand/', fromPreference: 'https://other.example/' })).toEqual({
      enabled: true,
      url: 'https://updates.acme.example/deckhand/',
    });
    expect(updateFeedFrom({ ...packagedTeamDesktop, fromEnv: '  ', fromPreference: 'https://updates.acme.example/deckhand' })).toEqual({
      enabled: true,
      url: 'https://updates.acme.example/deckhand',
    });
  });

  it('is off without a feed, in a development run and in the demo workspace, and says why', () => {
    expect(updateFeedFrom(packagedTeamDesktop)).toEqual({ enabled: false, reason: expect.stringContaining('no update feed configured (DECKHAND_UPDATE_URL') });
    const configured = { ...packagedTeamDesktop, fromEnv: 'https://updates.acme.example/' };
    expect(updateFeedFrom({ ...configured, packaged: false })).toEqual({ enabled: false, reason: 'a development build does not update itself' });
    expect(updateFeedFrom({ ...configured, demo: true })).toEqual({ enabled: false, reason: 'the demo workspace does not update itself' });
  });

  it('refuses a feed that is not https (loopback http aside), not a URL, or carries credentials', () => {
    const feed = (fromEnv: string) => updateFeedFrom({ ...packagedTeamDesktop, fromEnv });
    expect(feed('http://updates.acme.example/')).toEqual({ enabled: false, reason: 'DECKHAND_UPDATE_URL must be an https URL, not "http://updates.acme.example"' });
    expect(feed('file:///tmp/feed')).toMatchObject({ enabled: false });
    expect(feed('updates.acme.example')).toEqual({ enabled: false, reason: 'DECKHAND_UPDATE_URL is not a URL: "updates.acme.example"' });
    expect(feed('https://user:secret@updates.acme.example/')).toEqual({ enabled: false, reason: 'DECKHAND_UPDATE_URL must not carry a user name or password' });
    expect(feed('http://127.0.0.1:8080/feed')).toEqual({ enabled: true, url: 'http://127.0.0.1:8080/feed' });
    expect(updateFeedFrom({ ...packagedTeamDesktop, fromPreference: 42 })).toMatchObject({ enabled: false });
  });
});
