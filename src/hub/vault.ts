// Where the hub keeps the team's X brand tokens, and nowhere else: sealed in its own database with
// a key the operator gives (--key-file FILE or DECKHAND_HUB_KEY), else in the hub machine's OS
// keychain. With neither the hub does not start: it never stores a token in clear. Nothing here
// logs, returns in an error, or sends a secret or the key anywhere.
import { createCipheriv, createDecipheriv, randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import keytar from 'keytar';
import type { SecretStore } from '../main/core/ports';
import { KeytarSecretStore } from '../main/core/secrets/keytar-store';
import type { HubDb } from './db/schema';

export const HUB_KEYCHAIN_SERVICE = 'deckhand-hub';
export const HUB_KEY_ENV = 'DECKHAND_HUB_KEY';
export const MAKE_KEY_COMMAND = 'openssl rand -base64 32';

export const SEALED_DESCRIPTION = 'sealed with the operator key';
export const KEYCHAIN_DESCRIPTION = 'OS keychain';

export const WRONG_KEY_MESSAGE = "The key given does not open this hub's sealed secrets (it was sealed with another key).";

export interface HubVaultOptions {
  db: HubDb;
  /** --key-file: a file holding the key (base64 or hex; surrounding whitespace is ignored). Wins over keyFromEnv. */
  keyFile?: string;
  /** The value of DECKHAND_HUB_KEY. */
  keyFromEnv?: string;
  /** Tests give each run its own service; the hub uses `deckhand-hub`. */
  keychainService?: string;
  /** How long the keychain probe may take before the keychain counts as unreachable. */
  keychainTimeoutMs?: number;
  now?: () => number;
}

export interface HubVault extends SecretStore {
  readonly description: typeof SEALED_DESCRIPTION | typeof KEYCHAIN_DESCRIPTION;
  readonly persistent: true;
}

const KEY_BYTES = 32;
const NONCE_BYTES = 12;
// Secrets and the key check share the table; their names cannot collide.
const SECRET_PREFIX = 'secret:';
const KEY_CHECK_NAME = 'key-check';
const KEY_CHECK_PLAINTEXT = 'deckhand hub sealed secrets v1';

/** Opens the vault the operator chose: the key when one is given, else the OS keychain; throws a message for people otherwise. */
export async function openHubVault(options: HubVaultOptions): Promise<HubVault> {
  const key = readOperatorKey(options);
  if (key) return openSealedVault(options.db, key, options.now ?? Date.now);
  if (await keyCheckRow(options.db)) {
    throw new Error(
      `This hub's brand tokens are sealed with an operator key, and none was given. Give the same key with --key-file FILE or ${HUB_KEY_ENV}.`,
    );
  }
  return openKeychainVault(options);
}

function readOperatorKey(options: HubVaultOptions): Buffer | null {
  if (options.keyFile !== undefined) {
    let text: string;
    try {
      text = readFileSync(options.keyFile, 'utf8');
    } catch (error) {
      throw new Error(`Cannot read the hub key file ${options.keyFile}: ${error instanceof Error ? error.message : String(error)}`);
    }
    return parseOperatorKey(text, `the key file ${options.keyFile}`);
  }
  if (options.keyFromEnv !== undefined) return parseOperatorKey(options.keyFromEnv, HUB_KEY_ENV);
  return null;
}

/** 32 bytes as base64 (what `openssl rand -base64 32` prints) or as 64 hex digits; anything else is refused. */
export function parseOperatorKey(text: string, source: string): Buffer {
  const trimmed = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) return Buffer.from(trimmed, 'hex');
  if (/^[A-Za-z0-9+/]{43}=$/.test(trimmed)) return Buffer.from(trimmed, 'base64');
  // Says what was wrong without echoing any of it: a mistyped key is still close to the real one.
  throw new Error(
    `The hub key in ${source} is not a key: it must be ${KEY_BYTES} random bytes written as base64 (44 characters, ` +
      `as \`${MAKE_KEY_COMMAND}\` prints) or as 64 hex digits; it has ${trimmed.length} characters.`,
  );
}

interface SealedRow {
  nonce: string;
  tag: string;
  ciphertext: string;
}

function seal(key: Buffer, name: string, plaintext: string): SealedRow {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(Buffer.from(name, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return { nonce: nonce.toString('base64'), tag: cipher.getAuthTag().toString('base64'), ciphertext: ciphertext.toString('base64') };
}

/** The plaintext, or null when the key, the name or the row does not match (GCM authenticates all three). */
function unseal(key: Buffer, name: string, row: SealedRow): string | null {
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(row.nonce, 'base64'));
    decipher.setAAD(Buffer.from(name, 'utf8'));
    decipher.setAuthTag(Buffer.from(row.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(row.ciphertext, 'base64')), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}

function keyCheckRow(db: HubDb): Promise<SealedRow | undefined> {
  return db.selectFrom('sealed_secrets').select(['nonce', 'tag', 'ciphertext']).where('name', '=', KEY_CHECK_NAME).executeTakeFirst();
}

async function openSealedVault(db: HubDb, key: Buffer, now: () => number): Promise<HubVault> {
  // The first key used writes the check; a second hub process racing it keeps whichever landed first.
  await db
    .insertInto('sealed_secrets')
    .values({ name: KEY_CHECK_NAME, ...seal(key, KEY_CHECK_NAME, KEY_CHECK_PLAINTEXT), updated_at: now() })
    .onConflict((conflict) => conflict.column('name').doNothing())
    .execute();
  const check = await keyCheckRow(db);
  if (!check || unseal(key, KEY_CHECK_NAME, check) !== KEY_CHECK_PLAINTEXT) throw new Error(WRONG_KEY_MESSAGE);

  const nameOf = (account: string) => `${SECRET_PREFIX}${account}`;
  return {
    description: SEALED_DESCRIPTION,
    persistent: true,
    async check() {
      return null;
    },
    async get(account) {
      const name = nameOf(account);
      const row = await db.selectFrom('sealed_secrets').select(['nonce', 'tag', 'ciphertext']).where('name', '=', name).executeTakeFirst();
      if (!row) return null;
      const secret = unseal(key, name, row);
      if (secret === null) throw new Error(`The sealed secret "${account}" does not open with this key: it was altered, or moved from another name.`);
      return secret;
    },
    async set(account, secret) {
      const name = nameOf(account);
      const row = { ...seal(key, name, secret), updated_at: now() };
      await db
        .insertInto('sealed_secrets')
        .values({ name, ...row })
        .onConflict((conflict) => conflict.column('name').doUpdateSet(row))
        .execute();
    },
    async delete(account) {
      const result = await db.deleteFrom('sealed_secrets').where('name', '=', nameOf(account)).executeTakeFirst();
      return result.numDeletedRows > 0n;
    },
  };
}

/** This hub's random id, made on first open: two hubs on one machine never share keychain entries. */
async function hubId(db: HubDb): Promise<string> {
  await db
    .insertInto('hub_meta')
    .values({ key: 'hub_id', value: randomUUID() })
    .onConflict((conflict) => conflict.column('key').doNothing())
    .execute();
  const row = await db.selectFrom('hub_meta').select('value').where('key', '=', 'hub_id').executeTakeFirstOrThrow();
  return row.value;
}

async function openKeychainVault(options: HubVaultOptions): Promise<HubVault> {
  const service = options.keychainService ?? HUB_KEYCHAIN_SERVICE;
  const id = await hubId(options.db);
  const probe = () => probeKeychain(service, `${id}:probe:${randomUUID()}`, options.keychainTimeoutMs ?? 10_000);
  const unreachable = await probe();
  if (unreachable !== null) throw new Error(noKeychainMessage(unreachable));

  const keychain = new KeytarSecretStore(service);
  const accountOf = (account: string) => `${id}:${account}`;
  return {
    description: KEYCHAIN_DESCRIPTION,
    persistent: true,
    async check() {
      const reason = await probe();
      return reason === null ? null : noKeychainMessage(reason);
    },
    get: (account) => keychain.get(accountOf(account)),
    set: (account, secret) => keychain.set(accountOf(account), secret),
    delete: (account) => keychain.delete(accountOf(account)),
  };
}

function noKeychainMessage(reason: string): string {
  return (
    `No Secret Service (OS keychain) is reachable on this machine (${reason}), and no key was given to seal brand tokens with. ` +
    `Give one with --key-file FILE or ${HUB_KEY_ENV} (make it with \`${MAKE_KEY_COMMAND}\` and keep it safe: the tokens cannot be opened without it). ` +
    'The hub will not store brand tokens in clear.'
  );
}

/** Writes and deletes a throwaway entry (reading alone succeeds on a keyring that cannot store); null when that worked. */
async function probeKeychain(service: string, account: string, timeoutMs: number): Promise<string | null> {
  let timer: NodeJS.Timeout | undefined;
  // A keychain that never answers must not stall the hub's start.
  const timeout = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(`no answer within ${timeoutMs} ms`), timeoutMs);
  });
  const attempt = (async () => {
    try {
      await keytar.setPassword(service, account, 'probe');
      await keytar.deletePassword(service, account);
      return null;
    } catch (error) {
      // keytar's messages name D-Bus objects, never a secret.
      return (error instanceof Error ? error.message : String(error)).slice(0, 200);
    }
  })();
  try {
    return await Promise.race([attempt, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
