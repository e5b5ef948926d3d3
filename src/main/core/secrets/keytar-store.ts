// OAuth tokens and the app Bearer token live in the OS keychain (service "Deckhand"), nowhere else.
// When no keychain answers, every call fails with a message saying how to enable one; there is
// no fallback to a file.
import { randomUUID } from 'node:crypto';
import keytar from 'keytar';
import { DeckhandError } from '../../../shared/errors';
import type { SecretStore } from '../ports';

export const KEYCHAIN_SERVICE = 'Deckhand';

/** How to get a working keychain on this platform, for people. */
export function keychainHelp(platform: NodeJS.Platform = process.platform): string {
  if (platform === 'darwin') return 'Unlock your login keychain in Keychain Access, then try again.';
  if (platform === 'win32') return 'Make sure Windows Credential Manager is available for your user, then try again.';
  return (
    'On Linux Deckhand needs a Secret Service: install one (for example `sudo apt install gnome-keyring`, or KeePassXC with ' +
    'its Secret Service integration), make sure it runs in your desktop session and is unlocked (log in again, or run ' +
    '`gnome-keyring-daemon --start --components=secrets` and unlock it), then try again.'
  );
}

export function keychainUnavailable(reason: string, platform: NodeJS.Platform = process.platform): DeckhandError {
  return new DeckhandError(
    'unavailable',
    `Deckhand keeps X tokens only in the OS keychain, and no keychain could be used here (${reason}). ` +
      `${keychainHelp(platform)} Nothing was saved.`,
  );
}

const reasonOf = (error: unknown) => (error instanceof Error ? error.message : String(error)).slice(0, 200);

export class KeytarSecretStore implements SecretStore {
  readonly description = 'OS keychain';
  readonly persistent = true;
  constructor(private readonly service: string = KEYCHAIN_SERVICE) {}

  /** Writes and deletes a throwaway entry: reading alone succeeds even on a keyring that cannot store. */
  async check(): Promise<string | null> {
    const probe = `probe:${randomUUID()}`;
    try {
      await keytar.setPassword(this.service, probe, 'probe');
      await keytar.deletePassword(this.service, probe);
      return null;
    } catch (error) {
      return keychainUnavailable(reasonOf(error)).message;
    }
  }

  get(account: string) {
    return this.guard(() => keytar.getPassword(this.service, account));
  }
  set(account: string, secret: string) {
    return this.guard(() => keytar.setPassword(this.service, account, secret));
  }
  delete(account: string) {
    return this.guard(() => keytar.deletePassword(this.service, account));
  }

  private async guard<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      // keytar's messages name D-Bus objects, never the secret itself.
      throw keychainUnavailable(reasonOf(error));
    }
  }
}
