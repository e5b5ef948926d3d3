import { describe, expect, it } from 'vitest';
import { DEFAULT_CASE_SETTINGS, type CaseSettings } from '../../src/shared/case-settings';
import type { RoutingRule } from '../../src/shared/routing-rules';
import {
  addRule,
  emptyNewRule,
  formFromSettings,
  formToSettings,
  hoursFitTheForm,
  moveRule,
  removeDoNotEngage,
  removeRule,
  type CaseSettingsForm,
  type NewRuleForm,
} from '../../src/renderer/src/logic/case-settings-form';

const nineToSix = [{ start: '08:00', end: '18:00' }];

const refunds: RoutingRule = {
  id: 'r1',
  name: 'Refunds',
  conditions: [{ kind: 'keywords', anyOf: ['refund', 'money back'] }],
  actions: [{ kind: 'assign', to: { roleId: 'agent' } }],
  stop: false,
};
const vip: RoutingRule = { id: 'r2', name: 'VIP', conditions: [{ kind: 'label', anyOf: ['VIP'] }], actions: [{ kind: 'priority', set: 'urgent' }], stop: true };
const press: RoutingRule = { id: 'r3', name: 'Press', conditions: [{ kind: 'followers', atLeast: 50_000 }], actions: [{ kind: 'tag', tags: ['press'] }], stop: false };

const berlinSettings: CaseSettings = {
  sla: {
    firstResponseMinutes: 30,
    nextResponseMinutes: 120,
    warnBeforeMinutes: 10,
    timeZone: 'Europe/Berlin',
    businessHours: { mon: nineToSix, tue: nineToSix, wed: nineToSix, thu: nineToSix, fri: nineToSix, sat: [], sun: [] },
    holidays: ['2025-12-25', '2025-12-26'],
  },
  autoAssign: { mode: 'balanced', capacity: 5 },
  routing: [refunds, vip],
  doNotEngage: [
    { userId: '111', username: 'troll_one' },
    { userId: '222', username: 'spam_bot' },
  ],
  signReplies: true,
};

function settingsOf(form: CaseSettingsForm): CaseSettings {
  const checked = formToSettings(form);
  if (!checked.ok) throw new Error(`expected valid settings, got: ${checked.error}`);
  return checked.settings;
}

function errorOf(form: CaseSettingsForm): string {
  const checked = formToSettings(form);
  if (checked.ok) throw new Error('expected the form to be refused');
  return checked.error;
}

describe('case settings form', () => {
  it('gives back the same settings when nothing was edited', () => {
    expect(settingsOf(formFromSettings(berlinSettings))).toEqual(berlinSettings);
    expect(settingsOf(formFromSettings(DEFAULT_CASE_SETTINGS))).toEqual(DEFAULT_CASE_SETTINGS);
  });

  it('shows the stored SLA in its fields', () => {
    const { sla, autoAssignMode, capacity } = formFromSettings(berlinSettings);
    expect(sla).toMatchObject({ enabled: true, firstResponseMinutes: 30, nextResponseMinutes: 120, warnBeforeMinutes: 10, timeZone: 'Europe/Berlin' });
    expect(sla).toMatchObject({ businessHoursOnly: true, opens: '08:00', closes: '18:00', holidays: '2025-12-25, 2025-12-26' });
    expect(sla.openDays).toEqual({ mon: true, tue: true, wed: true, thu: true, fri: true, sat: false, sun: false });
    expect([autoAssignMode, capacity]).toEqual(['balanced', 5]);
  });

  it('offers Mon–Fri 09:00–17:00 when a handle has no SLA yet, and saves no SLA while it stays off', () => {
    const form = formFromSettings(DEFAULT_CASE_SETTINGS);
    expect(form.sla).toMatchObject({ enabled: false, businessHoursOnly: false, opens: '09:00', closes: '17:00', timeZone: 'UTC' });
    expect(form.sla.openDays).toEqual({ mon: true, tue: true, wed: true, thu: true, fri: true, sat: false, sun: false });
    form.sla.timeZone = 'Not/AZone';
    expect(settingsOf(form).sla).toBeNull();
  });

  it('applies one opening time to the checked weekdays only', () => {
    const form = formFromSettings(DEFAULT_CASE_SETTINGS);
    form.sla.enabled = true;
    form.sla.businessHoursOnly = true;
    form.sla.opens = '07:30';
    form.sla.closes = '15:00';
    form.sla.openDays = { mon: true, tue: false, wed: true, thu: false, fri: false, sat: true, sun: false };
    const early = [{ start: '07:30', end: '15:00' }];
    expect(settingsOf(form).sla?.businessHours).toEqual({ mon: early, tue: [], wed: early, thu: [], fri: [], sat: early, sun: [] });

    form.sla.businessHoursOnly = false;
    expect(settingsOf(form).sla?.businessHours).toBeNull();
  });

  it('refuses business hours without an open day, and hours that close before they open', () => {
    const form = formFromSettings(berlinSettings);
    form.sla.openDays = { mon: false, tue: false, wed: false, thu: false, fri: false, sat: false, sun: false };
    expect(errorOf(form)).toMatch(/^Business hours: check at least one open weekday/);
    form.sla.openDays.mon = true;
    form.sla.opens = '18:00';
    form.sla.closes = '09:00';
    expect(errorOf(form)).toBe('Business hours: Business hours must end after they start (18:00–09:00)');
  });

  it('reads holidays as comma-separated dates and names the field of a bad one', () => {
    const form = formFromSettings(berlinSettings);
    form.sla.holidays = '2026-01-01,  2026-05-01 ,';
    expect(settingsOf(form).sla?.holidays).toEqual(['2026-01-01', '2026-05-01']);
    form.sla.holidays = '2026-01-01, 1 May';
    expect(errorOf(form)).toMatch(/^Holidays: .*YYYY-MM-DD/);
  });

  it('names an unknown time zone and the field it was typed in', () => {
    const form = formFromSettings(berlinSettings);
    form.sla.timeZone = 'Mars/Olympus_Mons';
    const error = errorOf(form);
    expect(error).toMatch(/^Time zone: /);
    expect(error).toContain('"Mars/Olympus_Mons"');
  });

  it('reads number fields typed as text and refuses empty ones', () => {
    const form = formFromSettings(berlinSettings);
    form.sla.firstResponseMinutes = ' 45 ';
    form.capacity = '12';
    const settings = settingsOf(form);
    expect(settings.sla?.firstResponseMinutes).toBe(45);
    expect(settings.autoAssign.capacity).toBe(12);
    form.capacity = '';
    expect(errorOf(form)).toMatch(/^Capacity per agent: /);
    form.capacity = 3;
    form.sla.nextResponseMinutes = 0;
    expect(errorOf(form)).toBe('Next response (minutes): The next-response target must be at least 1 minute');
  });

  it('saves the edited auto-assignment and the shortened do-not-engage list', () => {
    const form = formFromSettings(berlinSettings);
    form.autoAssignMode = 'round-robin';
    form.doNotEngage = removeDoNotEngage(form.doNotEngage, '111');
    const settings = settingsOf(form);
    expect(settings.autoAssign).toEqual({ mode: 'round-robin', capacity: 5 });
    expect(settings.doNotEngage).toEqual([{ userId: '222', username: 'spam_bot' }]);
  });

  it('does not change the stored settings while the form is edited', () => {
    const form = formFromSettings(berlinSettings);
    form.rules[0]!.name = 'Changed';
    form.doNotEngage[0]!.username = 'changed';
    expect(berlinSettings.routing[0]!.name).toBe('Refunds');
    expect(berlinSettings.doNotEngage[0]!.username).toBe('troll_one');
  });

  it('tells whether stored business hours fit the one-opening form', () => {
    expect(hoursFitTheForm(null)).toBe(true);
    expect(hoursFitTheForm(berlinSettings.sla)).toBe(true);
    const lunchBreak = [
      { start: '09:00', end: '12:00' },
      { start: '13:00', end: '17:00' },
    ];
    const split = { ...berlinSettings.sla!, businessHours: { ...berlinSettings.sla!.businessHours!, mon: lunchBreak } };
    expect(hoursFitTheForm(split)).toBe(false);
    expect(formFromSettings({ ...berlinSettings, sla: split }).sla).toMatchObject({ opens: '09:00', closes: '17:00' });
  });
});

describe('routing rules in the form', () => {
  const newRule = (fields: Partial<NewRuleForm>): NewRuleForm => ({ ...emptyNewRule(), name: 'New', ...fields });

  function added(fields: Partial<NewRuleForm>): RoutingRule {
    const change = addRule([refunds], newRule(fields), 'new-id');
    if (!change.ok) throw new Error(`expected the rule to be added, got: ${change.error}`);
    expect(change.rules[0]).toBe(refunds);
    expect(change.rules).toHaveLength(2);
    return change.rules[1]!;
  }

  it('adds a rule at the end from one condition and one action', () => {
    const rule = added({ name: ' Lost bags ', when: 'keywords', conditionValue: 'lost bag, baggage,', then: 'assign-member', actionValue: 'm2', stop: true });
    expect(rule).toEqual({
      id: 'new-id',
      name: 'Lost bags',
      conditions: [{ kind: 'keywords', anyOf: ['lost bag', 'baggage'] }],
      actions: [{ kind: 'assign', to: { memberId: 'm2' } }],
      stop: true,
    });
  });

  it('reads each kind of condition value', () => {
    expect(added({ when: 'language', conditionValue: 'en, pt-BR', then: 'doNotEngage' }).conditions).toEqual([{ kind: 'language', anyOf: ['en', 'pt-BR'] }]);
    expect(added({ when: 'followers', conditionValue: '10000', then: 'doNotEngage' }).conditions).toEqual([{ kind: 'followers', atLeast: 10_000 }]);
    expect(added({ when: 'verified', conditionValue: 'No', then: 'doNotEngage' }).conditions).toEqual([{ kind: 'verified', is: false }]);
    expect(added({ when: 'label', conditionValue: 'VIP, press', then: 'doNotEngage' }).conditions).toEqual([{ kind: 'label', anyOf: ['VIP', 'press'] }]);
    expect(added({ when: 'sentiment', conditionValue: 'Negative', then: 'doNotEngage' }).conditions).toEqual([{ kind: 'sentiment', anyOf: ['negative'] }]);
    expect(added({ when: 'priority', conditionValue: '70', then: 'doNotEngage' }).conditions).toEqual([{ kind: 'priority', atLeast: 70 }]);
  });

  it('reads each kind of action', () => {
    expect(added({ conditionValue: 'x', then: 'assign-role', actionValue: 'agent' }).actions).toEqual([{ kind: 'assign', to: { roleId: 'agent' } }]);
    expect(added({ conditionValue: 'x', then: 'priority', actionValue: 'high' }).actions).toEqual([{ kind: 'priority', set: 'high' }]);
    expect(added({ conditionValue: 'x', then: 'tag', actionValue: 'refund, delay' }).actions).toEqual([{ kind: 'tag', tags: ['refund', 'delay'] }]);
    expect(added({ conditionValue: 'x', then: 'doNotEngage', actionValue: 'ignored' }).actions).toEqual([{ kind: 'doNotEngage' }]);
  });

  it('says which field of the new rule is wrong and adds nothing', () => {
    const problem = (fields: Partial<NewRuleForm>) => {
      const change = addRule([refunds], newRule(fields), 'new-id');
      return change.ok ? null : change.error;
    };
    expect(problem({ name: '  ', conditionValue: 'refund', then: 'doNotEngage' })).toBe('Rule name: a rule needs a name');
    expect(problem({ conditionValue: ' , ', then: 'doNotEngage' })).toBe('Condition value: needs at least one keyword');
    expect(problem({ when: 'followers', conditionValue: 'many', then: 'doNotEngage' })).toBe('Condition value: enter a whole number of followers');
    expect(problem({ when: 'verified', conditionValue: 'maybe', then: 'doNotEngage' })).toBe('Condition value: answer yes or no');
    expect(problem({ when: 'sentiment', conditionValue: 'angry', then: 'doNotEngage' })).toMatch(/"angry" is not a sentiment/);
    expect(problem({ when: 'language', conditionValue: 'english!', then: 'doNotEngage' })).toMatch(/^Condition value: must be a language code/);
    expect(problem({ when: 'priority', conditionValue: '150', then: 'doNotEngage' })).toBe('Condition value: must be 0 to 100');
    expect(problem({ conditionValue: 'refund', then: 'assign-member', actionValue: '' })).toBe('Action value: choose a member');
    expect(problem({ conditionValue: 'refund', then: 'tag', actionValue: '' })).toBe('Action value: needs at least one tag');
  });

  it('moves a rule up or down, and leaves the order alone at either end', () => {
    const rules = [refunds, vip, press];
    expect(moveRule(rules, 2, -1).map((rule) => rule.name)).toEqual(['Refunds', 'Press', 'VIP']);
    expect(moveRule(rules, 0, 1).map((rule) => rule.name)).toEqual(['VIP', 'Refunds', 'Press']);
    expect(moveRule(rules, 0, -1).map((rule) => rule.name)).toEqual(['Refunds', 'VIP', 'Press']);
    expect(moveRule(rules, 2, 1).map((rule) => rule.name)).toEqual(['Refunds', 'VIP', 'Press']);
    expect(rules.map((rule) => rule.name)).toEqual(['Refunds', 'VIP', 'Press']);
  });

  it('removes a rule by id, and saves the rules in their new order', () => {
    const form = formFromSettings({ ...berlinSettings, routing: [refunds, vip, press] });
    form.rules = removeRule(moveRule(form.rules, 2, -1), 'r1');
    expect(settingsOf(form).routing.map((rule) => rule.id)).toEqual(['r3', 'r2']);
  });

  it('names the rule a saved setting trips over', () => {
    const form = formFromSettings(berlinSettings);
    form.rules = [...form.rules, { ...press, id: 'r1' }];
    expect(errorOf(form)).toBe('Routing rules: two rules have the id "r1"');
    form.rules = [{ ...press, name: 'Too many', actions: [{ kind: 'doNotEngage' }, { kind: 'doNotEngage' }] }];
    expect(errorOf(form)).toBe('Routing rule "Too many": a rule can have one "doNotEngage" action only');
  });
});
