// A team handle's case settings as the "Case settings" form edits them (flat fields, text for
// lists, one opening time for the checked weekdays), and back, checked with the hub's own schema
// so the form says what the hub would refuse. Routing rules stay whole rules; the helpers below
// add one from the simple "new rule" fields, move one, or remove one.
import type { AutoAssignMode } from '../../../shared/auto-assign';
import { caseSettingsSchema, type CaseSettings, type DoNotEngageEntry } from '../../../shared/case-settings';
import { CASE_PRIORITIES, type CasePriority } from '../../../shared/hub-protocol';
import { routingRuleSchema, SENTIMENTS, type Action, type Condition, type RoutingRule, type Sentiment } from '../../../shared/routing-rules';
import { DEFAULT_SLA_POLICY, type SlaPolicy, type Weekday } from '../../../shared/sla';
import { splitList } from './filters-form';

/** A number input: Vue's v-model gives a number, or '' while it is empty. */
export type NumberField = number | string;

export const WEEKDAY_NAMES: readonly { day: Weekday; name: string }[] = [
  { day: 'mon', name: 'Mon' },
  { day: 'tue', name: 'Tue' },
  { day: 'wed', name: 'Wed' },
  { day: 'thu', name: 'Thu' },
  { day: 'fri', name: 'Fri' },
  { day: 'sat', name: 'Sat' },
  { day: 'sun', name: 'Sun' },
];

export interface SlaForm {
  enabled: boolean;
  firstResponseMinutes: NumberField;
  nextResponseMinutes: NumberField;
  warnBeforeMinutes: NumberField;
  timeZone: string;
  businessHoursOnly: boolean;
  opens: string;
  closes: string;
  openDays: Record<Weekday, boolean>;
  /** Comma-separated YYYY-MM-DD dates. */
  holidays: string;
}

export interface CaseSettingsForm {
  sla: SlaForm;
  autoAssignMode: AutoAssignMode;
  capacity: NumberField;
  rules: RoutingRule[];
  doNotEngage: DoNotEngageEntry[];
  signReplies: boolean;
}

const WORKWEEK: Record<Weekday, boolean> = { mon: true, tue: true, wed: true, thu: true, fri: true, sat: false, sun: false };
const DEFAULT_OPENS = '09:00';
const DEFAULT_CLOSES = '17:00';

function slaForm(policy: SlaPolicy | null): SlaForm {
  const sla = policy ?? DEFAULT_SLA_POLICY;
  const hours = sla.businessHours;
  const openDays = hours === null ? { ...WORKWEEK } : { mon: false, tue: false, wed: false, thu: false, fri: false, sat: false, sun: false };
  let opens = DEFAULT_OPENS;
  let closes = DEFAULT_CLOSES;
  if (hours !== null) {
    const firstOpen = WEEKDAY_NAMES.map(({ day }) => hours[day]).find((openings) => openings.length > 0);
    if (firstOpen) {
      opens = firstOpen[0]!.start;
      closes = firstOpen.at(-1)!.end;
    }
    for (const { day } of WEEKDAY_NAMES) openDays[day] = hours[day].length > 0;
  }
  return {
    enabled: policy !== null,
    firstResponseMinutes: sla.firstResponseMinutes,
    nextResponseMinutes: sla.nextResponseMinutes,
    warnBeforeMinutes: sla.warnBeforeMinutes,
    timeZone: sla.timeZone,
    businessHoursOnly: hours !== null,
    opens,
    closes,
    openDays,
    holidays: sla.holidays.join(', '),
  };
}

export function formFromSettings(settings: CaseSettings): CaseSettingsForm {
  return {
    sla: slaForm(settings.sla),
    autoAssignMode: settings.autoAssign.mode,
    capacity: settings.autoAssign.capacity,
    rules: settings.routing.map((rule) => structuredClone(rule)),
    doNotEngage: settings.doNotEngage.map((entry) => ({ ...entry })),
    signReplies: settings.signReplies,
  };
}

/**
 * Whether the form can show these business hours as they are: every open day has the same single
 * opening. When not (a lunch break, a short Friday), saving the form replaces them.
 */
export function hoursFitTheForm(policy: SlaPolicy | null): boolean {
  const hours = policy?.businessHours ?? null;
  if (hours === null) return true;
  const open = WEEKDAY_NAMES.map(({ day }) => hours[day]).filter((openings) => openings.length > 0);
  return open.every((openings) => openings.length === 1 && openings[0]!.start === open[0]![0]!.start && openings[0]!.end === open[0]![0]!.end);
}

/** NaN for an empty or unreadable field, which the schema reports as "must be a number". */
function numberOf(value: NumberField): number {
  if (typeof value === 'number') return value;
  return value.trim() === '' ? Number.NaN : Number(value.trim());
}

function businessHoursOf(sla: SlaForm): SlaPolicy['businessHours'] {
  if (!sla.businessHoursOnly) return null;
  const opening = [{ start: sla.opens, end: sla.closes }];
  const day = (weekday: Weekday) => (sla.openDays[weekday] ? opening.map((hours) => ({ ...hours })) : []);
  return { mon: day('mon'), tue: day('tue'), wed: day('wed'), thu: day('thu'), fri: day('fri'), sat: day('sat'), sun: day('sun') };
}

function slaOf(sla: SlaForm) {
  if (!sla.enabled) return null;
  return {
    firstResponseMinutes: numberOf(sla.firstResponseMinutes),
    nextResponseMinutes: numberOf(sla.nextResponseMinutes),
    warnBeforeMinutes: numberOf(sla.warnBeforeMinutes),
    timeZone: sla.timeZone.trim(),
    businessHours: businessHoursOf(sla),
    holidays: splitList(sla.holidays, /[,\s]+/),
  };
}

const SETTINGS_FIELD_NAMES: Readonly<Record<string, string>> = {
  'sla.firstResponseMinutes': 'First response (minutes)',
  'sla.nextResponseMinutes': 'Next response (minutes)',
  'sla.warnBeforeMinutes': 'Warn before (minutes)',
  'sla.timeZone': 'Time zone',
  'sla.businessHours': 'Business hours',
  'sla.holidays': 'Holidays',
  'autoAssign.mode': 'Auto-assignment',
  'autoAssign.capacity': 'Capacity per agent',
  routing: 'Routing rules',
  doNotEngage: 'Do not engage',
};

type IssuePath = readonly PropertyKey[];

/** The form's name of the field an issue is about: the rule by its name, the longest known prefix of the path, else the path itself. */
function fieldNameOf(path: IssuePath, rules: readonly RoutingRule[]): string {
  const keys = path.map(String);
  const rule = keys[0] === 'routing' && keys.length > 1 ? rules[Number(keys[1])] : undefined;
  if (rule) return `Routing rule "${rule.name}"`;
  for (let length = keys.length; length > 0; length -= 1) {
    const name = SETTINGS_FIELD_NAMES[keys.slice(0, length).join('.')];
    if (name) return name;
  }
  return keys.length > 0 ? keys.join('.') : 'Case settings';
}

export type SettingsCheck = { ok: true; settings: CaseSettings } | { ok: false; error: string };

/** The settings the form stands for, or the first problem, named by its field ("Time zone: Unknown time zone …"). */
export function formToSettings(form: CaseSettingsForm): SettingsCheck {
  if (form.sla.enabled && form.sla.businessHoursOnly && !WEEKDAY_NAMES.some(({ day }) => form.sla.openDays[day])) {
    return { ok: false, error: 'Business hours: check at least one open weekday, or uncheck "Business hours only"' };
  }
  const candidate = {
    sla: slaOf(form.sla),
    autoAssign: { mode: form.autoAssignMode, capacity: numberOf(form.capacity) },
    routing: form.rules,
    doNotEngage: form.doNotEngage,
    signReplies: form.signReplies,
  };
  const parsed = caseSettingsSchema.safeParse(candidate);
  if (parsed.success) return { ok: true, settings: parsed.data };
  const issue = parsed.error.issues[0]!;
  return { ok: false, error: `${fieldNameOf(issue.path, form.rules)}: ${issue.message}` };
}

// ---------------------------------------------------------------------------------------------
// Routing rules

export const CONDITION_CHOICES: readonly { kind: Condition['kind']; name: string; hint: string }[] = [
  { kind: 'keywords', name: 'Keywords', hint: 'refund, lost bag' },
  { kind: 'language', name: 'Language', hint: 'en, pt-BR' },
  { kind: 'followers', name: 'Followers at least', hint: '10000' },
  { kind: 'verified', name: 'Verified author', hint: 'yes or no' },
  { kind: 'label', name: 'Customer label', hint: 'VIP, press' },
  { kind: 'sentiment', name: 'Sentiment', hint: 'negative, neutral or positive' },
  { kind: 'priority', name: 'Priority at least', hint: '0 to 100' },
];

export type ActionChoice = 'assign-member' | 'assign-role' | 'priority' | 'tag' | 'doNotEngage';

export const ACTION_CHOICES: readonly { kind: ActionChoice; name: string }[] = [
  { kind: 'assign-member', name: 'Assign to member' },
  { kind: 'assign-role', name: 'Assign to role' },
  { kind: 'priority', name: 'Set priority' },
  { kind: 'tag', name: 'Add tags' },
  { kind: 'doNotEngage', name: 'Do not engage' },
];

export interface NewRuleForm {
  name: string;
  when: Condition['kind'];
  /** Comma-separated for lists, a number, or yes/no for "Verified author". */
  conditionValue: string;
  then: ActionChoice;
  /** A member id, role id or priority from a select; comma-separated tags; unused for "Do not engage". */
  actionValue: string;
  stop: boolean;
}

export function emptyNewRule(): NewRuleForm {
  return { name: '', when: 'keywords', conditionValue: '', then: 'assign-member', actionValue: '', stop: false };
}

type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

function wholeNumber(text: string, what: string): Parsed<number> {
  const value = Number(text.trim());
  return text.trim() !== '' && Number.isInteger(value) ? { ok: true, value } : { ok: false, error: `Condition value: enter ${what}` };
}

const isSentiment = (value: string): value is Sentiment => SENTIMENTS.some((sentiment) => sentiment === value);
const isPriority = (value: string): value is CasePriority => CASE_PRIORITIES.some((priority) => priority === value);

function conditionOf(form: NewRuleForm): Parsed<Condition> {
  const text = form.conditionValue;
  switch (form.when) {
    case 'keywords':
    case 'language':
    case 'label':
      return { ok: true, value: { kind: form.when, anyOf: splitList(text) } };
    case 'followers': {
      const atLeast = wholeNumber(text, 'a whole number of followers');
      return atLeast.ok ? { ok: true, value: { kind: 'followers', atLeast: atLeast.value } } : atLeast;
    }
    case 'priority': {
      const atLeast = wholeNumber(text, 'a priority score from 0 to 100');
      return atLeast.ok ? { ok: true, value: { kind: 'priority', atLeast: atLeast.value } } : atLeast;
    }
    case 'verified': {
      const answer = text.trim().toLowerCase();
      if (answer === 'yes' || answer === 'no') return { ok: true, value: { kind: 'verified', is: answer === 'yes' } };
      return { ok: false, error: 'Condition value: answer yes or no' };
    }
    case 'sentiment': {
      const chosen = splitList(text.toLowerCase());
      const unknown = chosen.find((value) => !isSentiment(value));
      if (unknown !== undefined) return { ok: false, error: `Condition value: "${unknown}" is not a sentiment (negative, neutral or positive)` };
      return { ok: true, value: { kind: 'sentiment', anyOf: chosen.filter(isSentiment) } };
    }
  }
}

function actionOf(form: NewRuleForm): Parsed<Action> {
  const value = form.actionValue.trim();
  switch (form.then) {
    case 'assign-member':
      return value ? { ok: true, value: { kind: 'assign', to: { memberId: value } } } : { ok: false, error: 'Action value: choose a member' };
    case 'assign-role':
      return value ? { ok: true, value: { kind: 'assign', to: { roleId: value } } } : { ok: false, error: 'Action value: choose a role' };
    case 'priority':
      return isPriority(value) ? { ok: true, value: { kind: 'priority', set: value } } : { ok: false, error: 'Action value: choose low, normal, high or urgent' };
    case 'tag':
      return { ok: true, value: { kind: 'tag', tags: splitList(form.actionValue) } };
    case 'doNotEngage':
      return { ok: true, value: { kind: 'doNotEngage' } };
  }
}

const RULE_FIELD_NAMES: Readonly<Record<string, string>> = { name: 'Rule name', conditions: 'Condition value', actions: 'Action value' };

export type RulesChange = { ok: true; rules: RoutingRule[] } | { ok: false; error: string };

/** The rules with one more at the end, made from the "new rule" fields, or what is wrong with them. */
export function addRule(rules: readonly RoutingRule[], form: NewRuleForm, id: string): RulesChange {
  const condition = conditionOf(form);
  if (!condition.ok) return condition;
  const action = actionOf(form);
  if (!action.ok) return action;
  const parsed = routingRuleSchema.safeParse({ id, name: form.name.trim(), conditions: [condition.value], actions: [action.value], stop: form.stop });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, error: `${RULE_FIELD_NAMES[String(issue.path[0])] ?? 'Rule'}: ${issue.message}` };
  }
  return { ok: true, rules: [...rules, parsed.data] };
}

/** The rules with the one at `index` swapped with its neighbour above (-1) or below (1); unchanged at either end. */
export function moveRule(rules: readonly RoutingRule[], index: number, by: -1 | 1): RoutingRule[] {
  const target = index + by;
  const moved = [...rules];
  if (index < 0 || index >= rules.length || target < 0 || target >= rules.length) return moved;
  [moved[index], moved[target]] = [moved[target]!, moved[index]!];
  return moved;
}

export function removeRule(rules: readonly RoutingRule[], id: string): RoutingRule[] {
  return rules.filter((rule) => rule.id !== id);
}

export function removeDoNotEngage(entries: readonly DoNotEngageEntry[], userId: string): DoNotEngageEntry[] {
  return entries.filter((entry) => entry.userId !== userId);
}
