// OAuth tokens and the app Bearer token live in the OS keychain (service "Deckhand"), nowhere else.
import keytar from 'keytar';
import type { SecretStore } from '../ports';

export const KEYCHAIN_SERVICE = 'Deckhand';

export class KeytarSecretStore implements SecretStore {
  readonly description = 'OS keychain';
  constructor(private readonly service: string = KEYCHAIN_SERVICE) {}

  get(account: string) {
    return keytar.getPassword(this.service, account);
  }
  set(account: string, secret: string) {
    return keytar.setPassword(this.service, account, secret);
  }
  delete(account: string) {
    return keytar.deletePassword(this.service, account);
  }
}
