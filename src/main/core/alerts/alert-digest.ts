// The e-mail digest of alerts, through the member's own SMTP server (nodemailer). The server's
// settings are a preference (the member's, whichever workspace is open); its password lives only
// in the OS keychain and never leaves the core. Hourly or daily the alerts that wait go out in one
// e-mail; only a sent digest marks them sent, so a failed send is retried the next period and
// nothing is lost, and the failure is kept for the Alerts dialog to show.
import nodemailer from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import { z } from 'zod';
import type { Clock, TimerHandle } from '../../../shared/clock';
import { DIGEST_PERIOD_MS, digestSettingsSchema, type DigestFrequency, type DigestSettings, type DigestStatus, type SaveDigestSettings } from '../../../shared/alert-digest';
import { DeckhandError } from '../../../shared/errors';
import type { Logger, PreferenceStore, SecretStore } from '../ports';
import { alertsWaitingForDigest, countWaitingForDigest, markDigested, pruneAlerts } from '../store/alerts';
import type { Database } from '../store/database';
import { composeDigest, testMail, type DigestMail } from './digest';

const SETTINGS_PREFERENCE = 'alerts.smtp';
const STATE_PREFERENCE = 'alerts.digestState';
/** The keychain entry of the SMTP password. */
export const SMTP_PASSWORD_KEY = 'smtp:password';
/** How often the schedule is looked at. */
export const DIGEST_CHECK_MS = 60_000;
/** At most this many alerts in one e-mail; the rest go in the next. */
export const DIGEST_BATCH = 200;
/** Alerts no digest waits for are kept this long (they keep a rule from alerting twice meanwhile). */
export const ALERTS_KEPT_MS = 30 * 86_400_000;

const digestStateSchema = z.object({
  /** When the current period started (the last send or attempt, or when the schedule began). */
  periodFrom: z.number().nullable(),
  lastSentAt: z.number().nullable(),
  lastError: z.string().nullable(),
});
type DigestState = z.infer<typeof digestStateSchema>;

const NO_STATE: DigestState = { periodFrom: null, lastSentAt: null, lastError: null };

/** Whether a scheduled digest is due at `now` (pure: unit-tested). */
export function digestDue(frequency: DigestFrequency, periodFrom: number | null, now: number): boolean {
  if (frequency === 'off' || periodFrom === null) return false;
  return now - periodFrom >= DIGEST_PERIOD_MS[frequency];
}

interface SmtpFailure {
  code?: unknown;
  response?: unknown;
  message?: unknown;
}

/** A nodemailer failure, said for people (never the password: servers do not echo it). */
export function describeSmtpFailure(error: unknown, settings: Pick<DigestSettings, 'host' | 'port'>): string {
  const failure = (typeof error === 'object' && error !== null ? error : {}) as SmtpFailure;
  const where = `${settings.host}:${settings.port}`;
  const detail = String(failure.response ?? failure.message ?? error).slice(0, 300);
  switch (failure.code) {
    case 'EAUTH':
      return `The SMTP server at ${where} refused the user name or password (${detail}).`;
    case 'ECONNECTION':
    case 'ETIMEDOUT':
    case 'ESOCKET':
    case 'EDNS':
      return `Could not reach the SMTP server at ${where} (${detail}). Check the host, the port and the TLS setting.`;
    case 'ETLS':
      return `Could not set up TLS with the SMTP server at ${where} (${detail}). Check the TLS setting and the port.`;
    case 'EENVELOPE':
      return `The SMTP server at ${where} refused an address (${detail}). Check From and To.`;
    default:
      return `The SMTP server at ${where} did not take the e-mail (${detail}).`;
  }
}

export interface AlertDigestDeps {
  db: Database;
  /** The member's preferences (the SMTP server), and this workspace's (the schedule's state). */
  preferences: PreferenceStore;
  workspacePreferences: PreferenceStore;
  /** The OS keychain (also while the demo workspace is open). */
  keychain: SecretStore;
  clock: Clock;
  logger: Logger;
}

export class AlertDigest {
  private timer: TimerHandle | null = null;
  /** Sends one at a time: a scheduled digest and "Send digest now" never list an alert twice. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: AlertDigestDeps) {}

  settings(): DigestSettings | null {
    const saved = digestSettingsSchema.safeParse(this.deps.preferences.get<unknown>(SETTINGS_PREFERENCE));
    return saved.success ? saved.data : null;
  }

  async status(): Promise<DigestStatus> {
    const state = this.state();
    return {
      settings: this.settings(),
      // Settings stay readable without a keychain; saving a password then says how to get one.
      passwordSet: await this.deps.keychain.get(SMTP_PASSWORD_KEY).then((password) => password !== null, () => false),
      passwordStorage: this.deps.keychain.description,
      waiting: countWaitingForDigest(this.deps.db),
      lastSentAt: state.lastSentAt,
      lastError: state.lastError,
    };
  }

  /** The password first: if the keychain refuses it, no setting changes either. */
  async save(input: SaveDigestSettings): Promise<DigestStatus> {
    const { password, ...settings } = input;
    if (typeof password === 'string') await this.deps.keychain.set(SMTP_PASSWORD_KEY, password);
    else if (password === null) await this.deps.keychain.delete(SMTP_PASSWORD_KEY);
    const before = this.settings();
    this.deps.preferences.set(SETTINGS_PREFERENCE, settings);
    // A new frequency starts its first period now.
    if (before?.frequency !== settings.frequency) this.saveState({ ...this.state(), periodFrom: this.deps.clock.now() });
    return this.status();
  }

  /** Sends a short e-mail, to check the server and the addresses. */
  sendTest(): Promise<{ to: string[] }> {
    return this.serialized(async () => {
      const settings = this.requireSettings();
      await this.deliver(settings, testMail(this.deps.clock.now()));
      return { to: settings.to };
    });
  }

  /** Sends the alerts that wait now ("Send digest now"); a failure is thrown for the dialog, and kept. */
  sendNow(): Promise<{ sent: number; status: DigestStatus }> {
    return this.serialized(async () => {
      const sent = await this.sendWaiting(this.requireSettings());
      return { sent, status: await this.status() };
    });
  }

  /** Looks at the schedule now and every DIGEST_CHECK_MS until `stop`. */
  watch(): void {
    void this.tick();
    this.timer = this.deps.clock.setTimeout(() => this.watch(), DIGEST_CHECK_MS);
  }

  stop(): void {
    this.deps.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  /** One look at the schedule: sends when a period is over; a failure waits for the next period. */
  async tick(): Promise<void> {
    const now = this.deps.clock.now();
    pruneAlerts(this.deps.db, now - ALERTS_KEPT_MS);
    const settings = this.settings();
    if (!settings || settings.frequency === 'off') return;
    const state = this.state();
    if (state.periodFrom === null) {
      this.saveState({ ...state, periodFrom: now });
      return;
    }
    if (!digestDue(settings.frequency, state.periodFrom, now)) return;
    await this.serialized(() => this.sendWaiting(settings)).catch((error: unknown) => {
      this.deps.logger.warn('the scheduled alert digest was not sent; it is tried again next period', { error: error instanceof Error ? error.message : String(error) });
    });
  }

  private async sendWaiting(settings: DigestSettings): Promise<number> {
    const now = this.deps.clock.now();
    const items = alertsWaitingForDigest(this.deps.db, DIGEST_BATCH);
    if (items.length === 0) {
      this.saveState({ ...this.state(), periodFrom: now });
      return 0;
    }
    const more = countWaitingForDigest(this.deps.db) - items.length;
    try {
      await this.deliver(settings, composeDigest(items, { more, since: this.state().lastSentAt }));
    } catch (error) {
      const message = error instanceof DeckhandError ? error.message : String(error);
      this.saveState({ ...this.state(), periodFrom: now, lastError: message });
      throw error;
    }
    markDigested(this.deps.db, items.map((item) => item.id), now);
    this.saveState({ periodFrom: now, lastSentAt: now, lastError: null });
    this.deps.logger.info('alert digest sent', { alerts: items.length });
    return items.length;
  }

  private async deliver(settings: DigestSettings, mail: DigestMail): Promise<void> {
    let password: string | null = null;
    if (settings.user !== '') {
      password = await this.deps.keychain.get(SMTP_PASSWORD_KEY);
      if (password === null) throw new DeckhandError('invalid_input', `No SMTP password is saved for ${settings.user}: enter it under Alerts, or clear SMTP user if the server needs no sign-in.`);
    }
    const options: SMTPTransport.Options = {
      host: settings.host,
      port: settings.port,
      secure: settings.tls === 'tls',
      requireTLS: settings.tls === 'starttls',
      ignoreTLS: settings.tls === 'none',
      ...(password !== null ? { auth: { user: settings.user, pass: password } } : {}),
      // A server that does not answer fails the send within a minute, not after nodemailer's two.
      connectionTimeout: 15_000,
      greetingTimeout: 15_000,
      socketTimeout: 30_000,
      // The digest is built from strings alone: nothing may make nodemailer read a file or a URL.
      disableFileAccess: true,
      disableUrlAccess: true,
    };
    const transport = nodemailer.createTransport(options);
    try {
      await transport.sendMail({ from: settings.from, to: settings.to, subject: mail.subject, text: mail.text, html: mail.html });
    } catch (error) {
      throw new DeckhandError('upstream', describeSmtpFailure(error, settings));
    } finally {
      transport.close();
    }
  }

  private requireSettings(): DigestSettings {
    const settings = this.settings();
    if (!settings) throw new DeckhandError('invalid_input', 'Save the SMTP settings first: host, port, From and To.');
    return settings;
  }

  private serialized<T>(run: () => Promise<T>): Promise<T> {
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private state(): DigestState {
    const saved = digestStateSchema.safeParse(this.deps.workspacePreferences.get<unknown>(STATE_PREFERENCE));
    return saved.success ? saved.data : NO_STATE;
  }

  private saveState(state: DigestState): void {
    this.deps.workspacePreferences.set(STATE_PREFERENCE, state);
  }
}
