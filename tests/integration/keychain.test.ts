// Against a real Secret Service (scripts/with-keyring.sh starts gnome-keyring for `npm test`).
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { KeytarSecretStore } from '../../src/main/core/secrets/keytar-store';

const keyring = process.env.DECKHAND_TEST_KEYRING === '1';
if (!keyring) console.warn('keychain tests skipped: no Secret Service here; run them through scripts/with-keyring.sh (npm test does)');

describe.skipIf(!keyring)('the OS keychain secret store', () => {
  const store = new KeytarSecretStore(`Deckhand-test-${randomUUID()}`);

  it('stores, reads, replaces and deletes a secret', async () => {
    expect(await store.get('account:1:access')).toBeNull();
    await store.set('account:1:access', 'first-token');
    expect(await store.get('account:1:access')).toBe('first-token');
    await store.set('account:1:access', 'rotated-token');
    expect(await store.get('account:1:access')).toBe('rotated-token');
    expect(await store.delete('account:1:access')).toBe(true);
    expect(await store.get('account:1:access')).toBeNull();
    expect(await store.delete('account:1:access')).toBe(false);
  });

  it('keeps one entry per account', async () => {
    await store.set('account:1:access', 'one');
    await store.set('account:2:access', 'two');
    expect(await store.get('account:1:access')).toBe('one');
    expect(await store.get('account:2:access')).toBe('two');
    await store.delete('account:1:access');
    await store.delete('account:2:access');
  });
});
