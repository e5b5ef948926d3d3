// Words for the account settings, from the core's plain data (pure, unit-tested).
import type { AccountStatus, XAppCapabilities, XAppSettings, XUsage } from '../../../shared/domain';

export const ACCOUNT_STATUS_LABELS: Readonly<Record<AccountStatus, string>> = {
  connected: 'Connected',
  reconnect_needed: 'Reconnect needed',
  removed: 'Removed: columns kept read-only',
};

const count = (value: number) => value.toLocaleString('en-US');

export function describeUsage(usage: XUsage | null, problem: string | null): string {
  if (!usage) return problem ?? 'Usage is not known yet.';
  const read = usage.projectUsage === null ? 'An unknown number of' : count(usage.projectUsage);
  const cap = usage.projectCap === null ? '' : ` of ${count(usage.projectCap)}`;
  const reset = usage.capResetDay === null ? '' : ` Resets in ${usage.capResetDay} ${usage.capResetDay === 1 ? 'day' : 'days'}.`;
  return `${read}${cap} posts read this billing period.${reset}`;
}

const STREAM_ACCESS_LABELS: Readonly<Record<XAppCapabilities['stream'], string>> = {
  available: 'available',
  unavailable: 'not available',
  unknown: 'unknown',
};

/** What X answered about the filtered stream, and how columns are fed as a result. */
export function describeStream(capabilities: XAppCapabilities): string {
  if (capabilities.columnSource === 'streaming') return `Filtered stream: ${STREAM_ACCESS_LABELS[capabilities.stream]}. Columns stream live.`;
  // The engine's detail ends with how columns are fed; that is said once, below.
  const why = capabilities.detail.replace(/:\s*columns [^:]*$/i, '').trim().replace(/\.$/, '');
  return `Filtered stream: ${STREAM_ACCESS_LABELS[capabilities.stream]}${why ? ` (${why})` : ''}. Columns poll recent search instead.`;
}

export function describeSecretStorage(settings: Pick<XAppSettings, 'secretStorage' | 'secretsPersistent'>): string {
  return settings.secretsPersistent
    ? `Tokens are kept only in the ${settings.secretStorage}; Deckhand never shows them.`
    : 'Demo workspace: the sandbox tokens are kept in memory only, and vanish when Deckhand quits.';
}

/** The switcher's option text: the handle, and why it cannot act if so. */
export function switcherLabel(account: { username: string; status: AccountStatus }): string {
  return account.status === 'connected' ? `@${account.username}` : `@${account.username} (${ACCOUNT_STATUS_LABELS[account.status].toLowerCase()})`;
}
