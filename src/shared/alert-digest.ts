// The e-mail digest of alerts, sent through the member's own SMTP server. The settings are a
// preference of this desktop; the SMTP password lives only in the OS keychain, so it is written
// here (save input) and never read back: the view says whether one is set.
import { z } from 'zod';

export const DIGEST_FREQUENCIES = ['off', 'hourly', 'daily'] as const;
export type DigestFrequency = (typeof DIGEST_FREQUENCIES)[number];

export const DIGEST_FREQUENCY_LABELS: Readonly<Record<DigestFrequency, string>> = {
  off: 'Only when I send it',
  hourly: 'Hourly',
  daily: 'Daily',
};

/** How long a period is: an alert waits at most this long for its digest (a failed send, one period more). */
export const DIGEST_PERIOD_MS: Readonly<Record<Exclude<DigestFrequency, 'off'>, number>> = {
  hourly: 3_600_000,
  daily: 86_400_000,
};

/** STARTTLS upgrades a plain connection (port 587); TLS is encrypted from the start (port 465). */
export const SMTP_TLS_MODES = ['starttls', 'tls', 'none'] as const;
export type SmtpTlsMode = (typeof SMTP_TLS_MODES)[number];

export const SMTP_TLS_LABELS: Readonly<Record<SmtpTlsMode, string>> = {
  starttls: 'STARTTLS (usually port 587)',
  tls: 'TLS (usually port 465)',
  none: 'None (a server on this computer only)',
};

const hostName = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
const ipv6 = /^[0-9A-Fa-f:.]{2,45}$/;

const address = (what: string) => z.email({ error: (issue) => `${what} must be an e-mail address (got ${JSON.stringify(issue.input)})` }).max(254);

const settingsFields = z.strictObject({
  host: z
    .string()
    .trim()
    .min(1, 'Enter the SMTP host, such as smtp.example.com')
    .refine((host) => hostName.test(host) || (host.includes(':') && ipv6.test(host)), { error: (issue) => `The SMTP host must be a host name or an IP address (got ${JSON.stringify(issue.input)})` }),
  port: z.number({ error: 'The SMTP port must be a number' }).int('The SMTP port must be a whole number').min(1, 'The SMTP port must be 1 to 65535').max(65_535, 'The SMTP port must be 1 to 65535'),
  /** Empty: the server takes mail without signing in (a local relay). */
  user: z.string().trim().max(254, 'The SMTP user is at most 254 characters'),
  from: address('From'),
  to: z.array(address('To')).min(1, 'Enter at least one address to send the digest to').max(20, 'The digest goes to at most 20 addresses'),
  tls: z.enum(SMTP_TLS_MODES, { error: 'TLS must be starttls, tls or none' }),
  frequency: z.enum(DIGEST_FREQUENCIES, { error: 'The digest frequency must be off, hourly or daily' }),
});

/** Without TLS the mail and the password would cross the network in clear: only a server on this computer may go without. */
function tlsOffOnlyHere(settings: { host: string; tls: SmtpTlsMode }, context: z.RefinementCtx): void {
  if (settings.tls === 'none' && !isLoopbackHost(settings.host)) {
    context.addIssue({ code: 'custom', path: ['tls'], message: `Without TLS the mail and the password would cross the network in clear: choose STARTTLS or TLS for ${settings.host}` });
  }
}

export const digestSettingsSchema = settingsFields.superRefine(tlsOffOnlyHere);
export type DigestSettings = z.infer<typeof digestSettingsSchema>;

/** What the dialog saves: the settings, and the password (absent: keep the one in the keychain; null: remove it). */
export const saveDigestSettingsInput = settingsFields
  .extend({
    password: z.string().min(1, 'The SMTP password cannot be empty (leave it out to keep the saved one)').max(1_000, 'The SMTP password is at most 1,000 characters').nullable().optional(),
  })
  .superRefine(tlsOffOnlyHere);
export type SaveDigestSettings = z.output<typeof saveDigestSettingsInput>;

/** The digest as the dialog shows it: its settings (null: never saved) and how it is doing. */
export interface DigestStatus {
  settings: DigestSettings | null;
  passwordSet: boolean;
  /** Where the password is kept, for people ("OS keychain"). */
  passwordStorage: string;
  /** Alerts that wait for the next digest. */
  waiting: number;
  lastSentAt: number | null;
  /** Why the last send failed (null: it did not); the alerts wait for the next one. */
  lastError: string | null;
}

/** A host on this computer: the only place a password may go without TLS. */
export function isLoopbackHost(host: string): boolean {
  const lower = host.toLowerCase();
  return lower === 'localhost' || /^127(?:\.\d{1,3}){3}$/.test(lower) || lower === '::1' || lower === '[::1]';
}
