// The Alerts dialog's forms: rows in and out of rules, the digest form in and out of the core's
// input (the password only when typed), and what the dialog says of the last digest.
import { describe, expect, it } from 'vitest';
import { digestFormOf, digestInputOf, digestStatusText, newAlertRow, rowOfRule, rulesOfRows } from '../../src/renderer/src/logic/alert-rules';
import type { DigestStatus } from '../../src/shared/alert-digest';

describe('alert rule rows', () => {
  it('round-trips each kind, keeping only the kind’s field', () => {
    const rows = [
      { ...newAlertRow('a'), keyword: ' refund ' },
      // A number field's v-model gives a number.
      { ...newAlertRow('b'), kind: 'priority' as const, minPriority: 80, keyword: 'left over' },
      { ...newAlertRow('c'), kind: 'label' as const, label: 'VIP', digest: true },
      { ...newAlertRow('d'), kind: 'slaBreach' as const, sound: false, enabled: false },
    ];
    const checked = rulesOfRows(rows);
    expect(checked).toEqual({
      ok: true,
      value: [
        { id: 'a', kind: 'keyword', keyword: 'refund', enabled: true, sound: true, digest: false },
        { id: 'b', kind: 'priority', minPriority: 80, enabled: true, sound: true, digest: false },
        { id: 'c', kind: 'label', label: 'VIP', enabled: true, sound: true, digest: true },
        { id: 'd', kind: 'slaBreach', enabled: false, sound: false, digest: false },
      ],
    });
    if (checked.ok) expect(checked.value.map(rowOfRule).map((row) => row.kind)).toEqual(['keyword', 'priority', 'label', 'slaBreach']);
  });

  it('says which alert is wrong and why', () => {
    expect(rulesOfRows([{ ...newAlertRow('a'), keyword: 'refund' }, newAlertRow('b')])).toEqual({ ok: false, message: 'Alert 2: An alert keyword cannot be empty' });
    expect(rulesOfRows([{ ...newAlertRow('a'), kind: 'priority', minPriority: '' }])).toEqual({ ok: false, message: 'Alert 1: The alert priority must be a number from 1 to 100' });
    expect(rulesOfRows([{ ...newAlertRow('a'), kind: 'priority', minPriority: '7.5' }])).toEqual({ ok: false, message: 'Alert 1: The alert priority must be a whole number' });
    expect(rulesOfRows([])).toEqual({ ok: true, value: [] });
  });
});

describe('the digest form', () => {
  const status: DigestStatus = {
    settings: { host: 'smtp.example.com', port: 465, user: 'ann', from: 'd@example.com', to: ['a@example.com', 'b@example.com'], tls: 'tls', frequency: 'hourly' },
    passwordSet: true,
    passwordStorage: 'OS keychain',
    waiting: 2,
    lastSentAt: null,
    lastError: null,
  };

  it('shows the saved settings with an empty password, and sends a password only when one is typed', () => {
    const form = digestFormOf(status);
    expect(form).toMatchObject({ host: 'smtp.example.com', port: '465', to: 'a@example.com, b@example.com', password: '' });
    const kept = digestInputOf(form);
    expect(kept.ok && 'password' in kept.value).toBe(false);
    expect(digestInputOf({ ...form, password: 's3cret', to: 'a@example.com;\nb@example.com' })).toEqual({ ok: true, value: { ...status.settings, password: 's3cret' } });
    expect(digestInputOf({ ...form, port: '' })).toEqual({ ok: false, message: 'The SMTP port must be a number' });
    expect(digestInputOf({ ...form, port: 2525 })).toMatchObject({ ok: true, value: { port: 2525 } });
    expect(digestFormOf(null)).toMatchObject({ host: '', port: '587', tls: 'starttls', frequency: 'daily' });
  });

  it('says how the digest is doing', () => {
    const format = (at: number) => new Date(at).toISOString();
    expect(digestStatusText({ ...status, settings: null }, format)).toBe('No SMTP server saved yet.');
    expect(digestStatusText(status, format)).toBe('No digest sent yet. 2 alerts wait for the digest.');
    expect(digestStatusText({ ...status, waiting: 1, lastSentAt: 0 }, format)).toBe('Last digest sent 1970-01-01T00:00:00.000Z. 1 alert waits for the digest.');
    expect(digestStatusText({ ...status, lastError: 'Could not reach the SMTP server.' }, format)).toBe('The last digest was not sent: Could not reach the SMTP server. 2 alerts wait for the digest.');
  });
});
