// The Alerts dialog's forms, pure: a rule as its row edits it (every kind's field kept, so
// switching the kind back and forth loses nothing typed), the rows checked into the rules the core
// saves, the digest's SMTP form and what the dialog says of the last send.
import { alertRulesSchema, type AlertKind, type AlertRule } from '../../../shared/alerts';
import { saveDigestSettingsInput, type DigestFrequency, type DigestStatus, type SaveDigestSettings, type SmtpTlsMode } from '../../../shared/alert-digest';

export interface AlertRuleRow {
  id: string;
  kind: AlertKind;
  keyword: string;
  /** As the number field gives it: Vue's v-model answers a number, or the text when it is not one. */
  minPriority: string | number;
  label: string;
  enabled: boolean;
  sound: boolean;
  digest: boolean;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

/** A new row: a keyword alert with a sound, on, not in the digest until asked. */
export function newAlertRow(id: string): AlertRuleRow {
  return { id, kind: 'keyword', keyword: '', minPriority: '70', label: '', enabled: true, sound: true, digest: false };
}

export function rowOfRule(rule: AlertRule): AlertRuleRow {
  const row: AlertRuleRow = { ...newAlertRow(rule.id), enabled: rule.enabled, sound: rule.sound, digest: rule.digest, kind: rule.kind };
  if (rule.kind === 'keyword') row.keyword = rule.keyword;
  if (rule.kind === 'priority') row.minPriority = String(rule.minPriority);
  if (rule.kind === 'label') row.label = rule.label;
  return row;
}

function ruleOfRow(row: AlertRuleRow): unknown {
  const common = { id: row.id, enabled: row.enabled, sound: row.sound, digest: row.digest };
  switch (row.kind) {
    case 'keyword':
      return { ...common, kind: 'keyword', keyword: row.keyword };
    case 'priority': {
      const typed = String(row.minPriority).trim();
      // An empty or non-numeric field reaches the schema as a non-number, which says what it wants.
      return { ...common, kind: 'priority', minPriority: typed === '' ? typed : Number(typed) };
    }
    case 'label':
      return { ...common, kind: 'label', label: row.label };
    case 'slaBreach':
      return { ...common, kind: 'slaBreach' };
  }
}

/** The rows as rules the core takes, or the first reason it would not (the same schema checks both ends). */
export function rulesOfRows(rows: readonly AlertRuleRow[]): Checked<AlertRule[]> {
  const parsed = alertRulesSchema.safeParse(rows.map(ruleOfRow));
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0];
  const index = typeof issue?.path[0] === 'number' ? issue.path[0] : null;
  const where = index === null ? '' : `Alert ${index + 1}: `;
  return { ok: false, message: `${where}${issue?.message ?? 'The alerts could not be read'}` };
}

export interface DigestForm {
  host: string;
  /** As the number field gives it (a number, or the text when it is not one). */
  port: string | number;
  tls: SmtpTlsMode;
  user: string;
  /** Write-only: empty keeps the password the keychain holds. */
  password: string;
  from: string;
  /** Addresses separated by commas, spaces or new lines. */
  to: string;
  frequency: DigestFrequency;
}

export function digestFormOf(status: DigestStatus | null): DigestForm {
  const settings = status?.settings;
  if (!settings) return { host: '', port: '587', tls: 'starttls', user: '', password: '', from: '', to: '', frequency: 'daily' };
  return { host: settings.host, port: String(settings.port), tls: settings.tls, user: settings.user, password: '', from: settings.from, to: settings.to.join(', '), frequency: settings.frequency };
}

/** The form as the core's input: an empty password field leaves the saved one alone. */
export function digestInputOf(form: DigestForm): Checked<SaveDigestSettings> {
  const port = String(form.port).trim();
  const parsed = saveDigestSettingsInput.safeParse({
    host: form.host,
    port: port === '' ? port : Number(port),
    tls: form.tls,
    user: form.user,
    from: form.from.trim(),
    to: form.to
      .split(/[\s,;]+/)
      .map((address) => address.trim())
      .filter((address) => address !== ''),
    frequency: form.frequency,
    ...(form.password === '' ? {} : { password: form.password }),
  });
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, message: parsed.error.issues[0]?.message ?? 'The e-mail settings could not be read' };
}

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/** "Last digest sent 2026-12-04 14:20 UTC · 3 alerts waiting", or why the last send failed. */
export function digestStatusText(status: DigestStatus | null, format: (at: number) => string): string {
  if (!status) return '';
  if (!status.settings) return 'No SMTP server saved yet.';
  const waiting = `${plural(status.waiting, 'alert waits', 'alerts wait')} for the digest.`;
  if (status.lastError) return `The last digest was not sent: ${status.lastError} ${waiting}`;
  const last = status.lastSentAt === null ? 'No digest sent yet.' : `Last digest sent ${format(status.lastSentAt)}.`;
  return `${last} ${waiting}`;
}
