// Keychain entry names. The values never leave the core.
import type { TokenProvider } from '../columns/engine';
import type { SecretStore } from '../ports';

export const appTokenKey = () => 'app:bearer';
export const userTokenKey = (accountId: string) => `account:${accountId}:access`;

export function tokenProvider(secrets: SecretStore): TokenProvider {
  return {
    appToken: () => secrets.get(appTokenKey()),
    userToken: (accountId) => secrets.get(userTokenKey(accountId)),
  };
}
