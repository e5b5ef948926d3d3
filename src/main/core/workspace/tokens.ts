// Keychain entry names: one entry per account (its token set as JSON) and one for the app Bearer
// token. The values never leave the core.

export const appTokenKey = () => 'app:bearer';
export const accountTokensKey = (accountId: string) => `account:${accountId}`;
