// Alerts beyond the window: rules a member sets on this desktop (a keyword, a priority, a customer's
// label, an SLA breach) that turn what arrives into a desktop notification, a sound, and a line in
// an e-mail digest. Pure: the core matches with it, the Alerts dialog edits and describes with it.
import { z } from 'zod';
import { foldText } from './column-filters';
import { customerLabelSchema } from './customers';

export const ALERT_KINDS = ['keyword', 'priority', 'label', 'slaBreach'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/** What the "Alert kind" menu says (part of the UI contract). */
export const ALERT_KIND_LABELS: Readonly<Record<AlertKind, string>> = {
  keyword: 'Keyword',
  priority: 'Priority at or above',
  label: 'From a customer labelled',
  slaBreach: 'SLA breach (first response)',
};

/** A rule list is a preference of this desktop: a handful is the use, a cap keeps matching cheap. */
export const MAX_ALERT_RULES = 50;

const common = {
  id: z.string().trim().min(1).max(40),
  enabled: z.boolean(),
  /** A short sound with the desktop notification. */
  sound: z.boolean(),
  /** What it raises goes into the e-mail digest too. */
  digest: z.boolean(),
};

export const alertRuleSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({
      ...common,
      kind: z.literal('keyword'),
      /** A word or phrase, matched whole, ignoring case and accents ("refund" hears "Refund!" but not "refunds"). */
      keyword: z.string().trim().min(1, 'An alert keyword cannot be empty').max(100, 'An alert keyword is at most 100 characters'),
    }),
    z.strictObject({
      ...common,
      kind: z.literal('priority'),
      /** The assessed priority (0..100) at or above which a message alerts. */
      minPriority: z
        .number({ error: 'The alert priority must be a number from 1 to 100' })
        .int('The alert priority must be a whole number')
        .min(1, 'The alert priority must be at least 1')
        .max(100, 'The alert priority must be at most 100'),
    }),
    z.strictObject({ ...common, kind: z.literal('label'), label: customerLabelSchema }),
    z.strictObject({ ...common, kind: z.literal('slaBreach') }),
  ],
  { error: 'An alert kind must be keyword, priority, label or slaBreach' },
);
export type AlertRule = z.infer<typeof alertRuleSchema>;

export const alertRulesSchema = z
  .array(alertRuleSchema)
  .max(MAX_ALERT_RULES, `At most ${MAX_ALERT_RULES} alerts`)
  .superRefine((rules, context) => {
    const ids = new Set<string>();
    const conditions = new Set<string>();
    for (const rule of rules) {
      if (ids.has(rule.id)) context.addIssue({ code: 'custom', message: `Two alerts share the id ${rule.id}` });
      ids.add(rule.id);
      const condition = conditionKey(rule);
      if (conditions.has(condition)) context.addIssue({ code: 'custom', message: `Two alerts ask the same: ${describeAlertRule(rule)}` });
      conditions.add(condition);
    }
  });

function conditionKey(rule: AlertRule): string {
  switch (rule.kind) {
    case 'keyword':
      return `keyword:${foldText(rule.keyword)}`;
    case 'priority':
      return `priority:${rule.minPriority}`;
    case 'label':
      return `label:${foldText(rule.label)}`;
    case 'slaBreach':
      return 'slaBreach';
  }
}

/** A rule for people: "Keyword “refund”", "Priority 70 or above". */
export function describeAlertRule(rule: AlertRule): string {
  switch (rule.kind) {
    case 'keyword':
      return `Keyword “${rule.keyword}”`;
    case 'priority':
      return `Priority ${rule.minPriority} or above`;
    case 'label':
      return `Customer labelled ${rule.label}`;
    case 'slaBreach':
      return 'SLA breach (first response)';
  }
}

/** What an alert can be about: a customer's post or DM as it arrives, or a case whose first-response clock ran out. */
export interface AlertSubject {
  kind: 'post' | 'dm' | 'slaBreach';
  /** The post's or DM's id; for a breach, the case (`handleId/postId`). */
  id: string;
  text: string;
  author: { username: string; name: string } | null;
  /** The assessed priority, 0..100 (null: not assessed, e.g. a breach). */
  priority: number | null;
  /** The labels the author carries (VIP, press, ...). */
  labels: readonly string[];
  /** Where it can be seen on X (null: a DM). */
  link: string | null;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Whole word or phrase on folded text, as the mute list matches ("delay" hears "Delay!" but not "delayed"). */
function hasWord(text: string, word: string): boolean {
  const term = foldText(word.trim());
  if (term === '') return false;
  return new RegExp(`(?<![\\p{L}\\p{N}_])${escapeRegExp(term)}(?![\\p{L}\\p{N}_])`, 'u').test(foldText(text));
}

/** Whether an enabled rule hears the subject: keyword, priority and label rules hear messages; breach rules hear breaches. */
export function alertMatches(rule: AlertRule, subject: AlertSubject): boolean {
  if (!rule.enabled) return false;
  if (rule.kind === 'slaBreach') return subject.kind === 'slaBreach';
  if (subject.kind === 'slaBreach') return false;
  switch (rule.kind) {
    case 'keyword':
      return hasWord(subject.text, rule.keyword);
    case 'priority':
      return subject.priority !== null && subject.priority >= rule.minPriority;
    case 'label': {
      const wanted = foldText(rule.label.trim());
      return subject.labels.some((label) => foldText(label.trim()) === wanted);
    }
  }
}

/** One alert a rule raised: the renderer notifies with it, the digest lists it. */
export interface AlertView {
  id: number;
  ruleId: string;
  /** The rule as it read when it fired (describeAlertRule). */
  rule: string;
  kind: AlertSubject['kind'];
  subjectId: string;
  /** The brand handle it concerns (the column's, the case's); null when none is known. */
  handleId: string | null;
  /** "@username", or null when unknown. */
  author: string | null;
  text: string;
  link: string | null;
  sound: boolean;
  /** When it was raised (ms). */
  at: number;
}

const BODY_LIMIT = 140;

/** What the desktop notification of an alert says. */
export function alertNotification(alert: Pick<AlertView, 'rule' | 'kind' | 'author' | 'text' | 'ruleId'>): { title: string; body: string; tag: string } {
  const flat = alert.text.replace(/\s+/g, ' ').trim();
  const points = Array.from(flat);
  const clipped = points.length > BODY_LIMIT ? `${points.slice(0, BODY_LIMIT - 1).join('')}…` : flat;
  const body = alert.kind === 'slaBreach' ? clipped : `${alert.author ?? 'Someone'}: ${clipped}`;
  // One notification per rule: a newer alert of the same rule replaces the older one.
  return { title: `Alert: ${alert.rule}`, body, tag: `deckhand-alert-${alert.ruleId}` };
}
