import { describe, expect, it } from 'vitest';
import { describeSecretStorage, describeStream, describeUsage, switcherLabel } from '../../src/renderer/src/logic/account-presentation';

describe('account settings wording', () => {
  it('describes usage against the cap, and why it is missing', () => {
    expect(describeUsage({ projectUsage: 1234, projectCap: 10000, capResetDay: 12 }, null)).toBe('1,234 of 10,000 posts read this billing period. Resets in 12 days.');
    expect(describeUsage({ projectUsage: 5, projectCap: null, capResetDay: 1 }, null)).toBe('5 posts read this billing period. Resets in 1 day.');
    expect(describeUsage(null, 'No app Bearer token is set: X reports usage to the app only.')).toContain('No app Bearer token');
  });

  it('says whether columns stream or poll, and why', () => {
    expect(describeStream({ stream: 'available', columnSource: 'streaming', detail: '', usage: null, usageProblem: null })).toBe('Filtered stream: available. Columns stream live.');
    expect(describeStream({ stream: 'available', columnSource: 'streaming', detail: 'X offers the filtered stream to this app: columns stream live', usage: null, usageProblem: null })).toBe(
      'Filtered stream: available. Columns stream live.',
    );
    expect(
      describeStream({ stream: 'unavailable', columnSource: 'polling', detail: 'X answered 403: Forbidden: columns are polled instead', usage: null, usageProblem: null }),
    ).toBe('Filtered stream: not available (X answered 403: Forbidden). Columns poll recent search instead.');
    expect(describeStream({ stream: 'unavailable', columnSource: 'polling', detail: 'No app Bearer token is set: columns are polled with each handle’s token', usage: null, usageProblem: null })).toBe(
      'Filtered stream: not available (No app Bearer token is set). Columns poll recent search instead.',
    );
  });

  it('tells the demo workspace it keeps tokens in memory', () => {
    expect(describeSecretStorage({ secretStorage: 'OS keychain', secretsPersistent: true })).toContain('only in the OS keychain');
    expect(describeSecretStorage({ secretStorage: 'memory', secretsPersistent: false })).toContain('in memory only');
  });

  it('marks handles that cannot act in the switcher', () => {
    expect(switcherLabel({ username: 'AcmeAir', status: 'connected' })).toBe('@AcmeAir');
    expect(switcherLabel({ username: 'AcmeAir', status: 'reconnect_needed' })).toBe('@AcmeAir (reconnect needed)');
  });
});
