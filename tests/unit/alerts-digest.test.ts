// The e-mail digest, pure parts: what it says (customers' words escaped), when a scheduled one is
// due, how an SMTP failure reads, and which SMTP settings may be saved.
import { describe, expect, it } from 'vitest';
import { describeSmtpFailure, digestDue } from '../../src/main/core/alerts/alert-digest';
import { composeDigest } from '../../src/main/core/alerts/digest';
import { digestSettingsSchema, saveDigestSettingsInput } from '../../src/shared/alert-digest';
import type { DigestItem } from '../../src/main/core/store/alerts';

const at = Date.UTC(2026, 11, 4, 9, 14);
const item = (extra: Partial<DigestItem> = {}): DigestItem => ({ id: 1, ruleId: 'r1', rule: 'Keyword “refund”', kind: 'post', subjectId: '55', handleId: 'h', author: '@vera', text: 'Where is my <b>refund</b>?', link: 'https://x.com/vera/status/55', at, ...extra });
const settings = { host: 'smtp.example.com', port: 587, user: 'ann', from: 'deckhand@example.com', to: ['ann@example.com'], tls: 'starttls', frequency: 'daily' } as const;

describe('a digest e-mail', () => {
  it('lists each alert: the rule, who, when, the words and the link; HTML escapes what customers wrote', () => {
    const mail = composeDigest([item(), item({ id: 2, kind: 'dm', author: null, text: 'DM text', link: null })], { more: 3, since: null });
    expect(mail.subject).toBe('Deckhand: 2 alerts');
    expect(mail.text).toContain('1. Keyword “refund” — @vera posted, 2026-12-04 09:14 UTC');
    expect(mail.text).toContain('   Where is my <b>refund</b>?');
    expect(mail.text).toContain('https://x.com/vera/status/55');
    expect(mail.text).toContain('2. Keyword “refund” — Someone in a direct message');
    expect(mail.text).toContain('3 more alerts wait for the next digest.');
    expect(mail.html).toContain('Where is my &lt;b&gt;refund&lt;/b&gt;?');
    expect(mail.html).not.toContain('<b>refund</b>');
    expect(mail.html).toContain('<a href="https://x.com/vera/status/55">');
  });

  it('makes no anchor of a link that is not https', () => {
    const mail = composeDigest([item({ link: 'javascript:alert(1)' })], { more: 0, since: at });
    expect(mail.html).not.toContain('<a ');
    expect(mail.text).toContain('Deckhand: 1 alert since 2026-12-04 09:14 UTC');
  });
});

describe('when a scheduled digest is due', () => {
  it('after its period from the last send; never when off or before a period started', () => {
    expect(digestDue('hourly', at, at + 3_599_999)).toBe(false);
    expect(digestDue('hourly', at, at + 3_600_000)).toBe(true);
    expect(digestDue('daily', at, at + 3_600_000)).toBe(false);
    expect(digestDue('off', at, at + 10 * 86_400_000)).toBe(false);
    expect(digestDue('daily', null, at)).toBe(false);
  });
});

describe('SMTP failures and settings', () => {
  it('says what went wrong and where', () => {
    expect(describeSmtpFailure({ code: 'EAUTH', response: '535 5.7.8 Authentication failed' }, settings)).toBe('The SMTP server at smtp.example.com:587 refused the user name or password (535 5.7.8 Authentication failed).');
    expect(describeSmtpFailure({ code: 'ECONNECTION', message: 'connect ECONNREFUSED' }, settings)).toMatch(/^Could not reach the SMTP server at smtp.example.com:587/);
  });

  it('refuses a server without TLS unless it is on this computer, bad addresses and ports', () => {
    const issue = (input: unknown) => {
      const parsed = saveDigestSettingsInput.safeParse(input);
      return parsed.success ? null : parsed.error.issues[0]?.message;
    };
    expect(issue({ ...settings, password: 'pw' })).toBeNull();
    expect(issue({ ...settings, tls: 'none' })).toMatch(/^Without TLS the mail and the password would cross the network in clear/);
    expect(issue({ ...settings, host: '127.0.0.1', tls: 'none' })).toBeNull();
    expect(issue({ ...settings, to: ['not-an-address'] })).toMatch(/^To must be an e-mail address/);
    expect(issue({ ...settings, to: [] })).toBe('Enter at least one address to send the digest to');
    expect(issue({ ...settings, port: 70_000 })).toBe('The SMTP port must be 1 to 65535');
    expect(issue({ ...settings, host: 'smtp example.com' })).toMatch(/^The SMTP host must be a host name or an IP address/);
    // What is kept as a preference has no password field at all.
    expect(digestSettingsSchema.safeParse({ ...settings, password: 'pw' }).success).toBe(false);
  });
});
