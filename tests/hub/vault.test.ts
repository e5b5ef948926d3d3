// The hub's brand-token vault on both engines: sealed with the operator's key (nothing readable in
// the database or its files), refused with a wrong or malformed key, and the OS keychain (under
// scripts/with-keyring.sh) with entries no other hub on the machine can see.
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import keytar from 'keytar';
import { describe, expect, it } from 'vitest';
import type { HubStore } from '../../src/hub/db/open';
import { HUB_KEYCHAIN_SERVICE, openHubVault, WRONG_KEY_MESSAGE } from '../../src/hub/vault';
import { tempDir } from '../helpers/temp';
import { HUB_ENGINES } from './engines';

const keyring = process.env.DECKHAND_TEST_KEYRING === '1';
if (!keyring) console.warn('hub keychain vault tests skipped: no Secret Service here; run them through scripts/with-keyring.sh');

const newKey = () => randomBytes(32).toString('base64');
const brandToken = () => `brand-access-token-${randomUUID()}`;

async function sealedRows(store: HubStore) {
  return store.db.selectFrom('sealed_secrets').selectAll().execute();
}

/** Every byte SQLite has written for this store: the database file and its write-ahead log. */
function sqliteBytes(store: HubStore): Buffer {
  return Buffer.concat([store.location, `${store.location}-wal`].filter((file) => existsSync(file)).map((file) => readFileSync(file)));
}

describe.each(HUB_ENGINES)('hub vault on $name', (engine) => {
  describe('sealed with the operator key', () => {
    it('keeps a token across a restart, overwrites it, and deletes it', async () => {
      const store = await engine.freshStore();
      const key = newKey();
      const vault = await openHubVault({ db: store.db, keyFromEnv: key });
      expect(vault).toMatchObject({ description: 'sealed with the operator key', persistent: true });
      expect(await vault.check()).toBeNull();
      expect(await vault.get('handle:acmeair:access')).toBeNull();

      await vault.set('handle:acmeair:access', 'first-token');
      const restarted = await openHubVault({ db: store.db, keyFromEnv: key });
      expect(await restarted.get('handle:acmeair:access')).toBe('first-token');

      await restarted.set('handle:acmeair:access', 'rotated-token');
      await restarted.set('handle:acmeair:refresh', 'refresh-token');
      expect(await vault.get('handle:acmeair:access')).toBe('rotated-token');
      expect(await vault.get('handle:acmeair:refresh')).toBe('refresh-token');
      // One row per secret, plus the key check.
      expect(await sealedRows(store)).toHaveLength(3);

      expect(await vault.delete('handle:acmeair:access')).toBe(true);
      expect(await vault.get('handle:acmeair:access')).toBeNull();
      expect(await vault.delete('handle:acmeair:access')).toBe(false);
      expect(await vault.get('handle:acmeair:refresh')).toBe('refresh-token');
    });

    it('stores no token in clear: not in the table, not in the database files', async () => {
      const store = await engine.freshStore();
      const vault = await openHubVault({ db: store.db, keyFromEnv: newKey() });
      const token = brandToken();
      await vault.set('handle:acmeair:access', token);
      await vault.set('handle:acmeair:access', token); // a second write seals it anew

      const rows = await sealedRows(store);
      const stored = JSON.stringify(rows);
      expect(stored).not.toContain(token);
      expect(stored).not.toContain(Buffer.from(token).toString('base64'));
      expect(stored).not.toContain(Buffer.from(token).toString('hex'));
      const row = rows.find((candidate) => candidate.name.includes('acmeair'));
      expect(Buffer.from(row?.nonce ?? '', 'base64')).toHaveLength(12);
      expect(Buffer.from(row?.tag ?? '', 'base64')).toHaveLength(16);
      if (engine.name === 'sqlite') expect(sqliteBytes(store).includes(Buffer.from(token))).toBe(false);
      expect(await vault.get('handle:acmeair:access')).toBe(token);
    });

    it('refuses another key at open, even before any token was stored', async () => {
      const store = await engine.freshStore();
      const key = newKey();
      await openHubVault({ db: store.db, keyFromEnv: key });
      await expect(openHubVault({ db: store.db, keyFromEnv: newKey() })).rejects.toThrow(WRONG_KEY_MESSAGE);
      // The right key, written as hex in a file with a trailing newline, still opens it.
      const dir = tempDir();
      try {
        const keyFile = join(dir.path, 'hub.key');
        writeFileSync(keyFile, `${Buffer.from(key, 'base64').toString('hex')}\n`);
        const vault = await openHubVault({ db: store.db, keyFile, keyFromEnv: newKey() });
        await vault.set('handle:acmeair:access', 'token');
        expect(await vault.get('handle:acmeair:access')).toBe('token');
      } finally {
        dir.remove();
      }
    });

    it('refuses a malformed key or an unreadable key file with a clear message, never echoing the key', async () => {
      const store = await engine.freshStore();
      const typo = `${newKey().slice(0, 40)}!!!=`;
      const refused = openHubVault({ db: store.db, keyFromEnv: typo });
      await expect(refused).rejects.toThrow(/DECKHAND_HUB_KEY is not a key: it must be 32 random bytes written as base64 .*openssl rand -base64 32.* or as 64 hex digits/);
      await expect(refused).rejects.not.toThrow(typo);
      await expect(openHubVault({ db: store.db, keyFromEnv: 'ab'.repeat(16) })).rejects.toThrow(/not a key/); // 16 bytes, too short
      await expect(openHubVault({ db: store.db, keyFile: '/nonexistent/hub.key' })).rejects.toThrow(/Cannot read the hub key file \/nonexistent\/hub\.key/);
      // Nothing was sealed by the refused attempts: a good key is the first one.
      expect(await sealedRows(store)).toEqual([]);
    });

    it('will not fall back to the keychain once tokens were sealed with a key', async () => {
      const store = await engine.freshStore();
      await openHubVault({ db: store.db, keyFromEnv: newKey() });
      await expect(openHubVault({ db: store.db })).rejects.toThrow(/sealed with an operator key, and none was given\. Give the same key with --key-file FILE or DECKHAND_HUB_KEY/);
    });
  });

  describe.skipIf(!keyring)('in the OS keychain', () => {
    it('keeps tokens in the keychain under this hub, and nothing in sealed_secrets', async () => {
      const store = await engine.freshStore();
      const vault = await openHubVault({ db: store.db });
      expect(vault).toMatchObject({ description: 'OS keychain', persistent: true });
      expect(await vault.check()).toBeNull();
      const token = brandToken();
      await vault.set('handle:acmeair:access', token);
      await vault.set('handle:acmeair:access', `${token}-rotated`);
      expect(await vault.get('handle:acmeair:access')).toBe(`${token}-rotated`);
      expect(await sealedRows(store)).toEqual([]);

      const { value: hubId } = await store.db.selectFrom('hub_meta').select('value').where('key', '=', 'hub_id').executeTakeFirstOrThrow();
      expect(await keytar.getPassword(HUB_KEYCHAIN_SERVICE, `${hubId}:handle:acmeair:access`)).toBe(`${token}-rotated`);
      if (engine.name === 'sqlite') expect(sqliteBytes(store).includes(Buffer.from(token))).toBe(false);

      // A restart finds them under the same hub id.
      const restarted = await openHubVault({ db: store.db });
      expect(await restarted.get('handle:acmeair:access')).toBe(`${token}-rotated`);
      expect(await restarted.delete('handle:acmeair:access')).toBe(true);
      expect(await vault.get('handle:acmeair:access')).toBeNull();
    });

    it("two hubs on one machine never see each other's tokens", async () => {
      const first = await openHubVault({ db: (await engine.freshStore()).db });
      const second = await openHubVault({ db: (await engine.freshStore()).db });
      await first.set('handle:acmeair:access', 'first-hub-token');
      expect(await second.get('handle:acmeair:access')).toBeNull();
      await second.set('handle:acmeair:access', 'second-hub-token');
      expect(await first.get('handle:acmeair:access')).toBe('first-hub-token');
      expect(await second.delete('handle:acmeair:access')).toBe(true);
      expect(await first.get('handle:acmeair:access')).toBe('first-hub-token');
      await first.delete('handle:acmeair:access');
    });
  });
});
