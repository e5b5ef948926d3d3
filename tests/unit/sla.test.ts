import { describe, expect, it } from 'vitest';
import {
  addBusinessMillis,
  businessMillisBetween,
  DEFAULT_SLA_POLICY,
  slaLabel,
  slaPolicySchema,
  slaTimer,
  type SlaPolicy,
  type SlaPolicyInput,
} from '../../src/shared/sla';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const nineToFive = [{ start: '09:00', end: '17:00' }];
const closedDays = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };

function berlinOffice(overrides: Partial<SlaPolicyInput> = {}): SlaPolicy {
  return slaPolicySchema.parse({
    firstResponseMinutes: 30,
    nextResponseMinutes: 120,
    timeZone: 'Europe/Berlin',
    businessHours: { ...closedDays, mon: nineToFive, tue: nineToFive, wed: nineToFive, thu: nineToFive, fri: nineToFive },
    holidays: [],
    ...overrides,
  });
}

function firstIssueMessage(input: unknown): string {
  const result = slaPolicySchema.safeParse(input);
  if (result.success) throw new Error('expected the policy to be rejected');
  return result.error.issues[0]?.message ?? '';
}

// Berlin is UTC+1 until 2026-03-29 02:00 local, UTC+2 after it, UTC+1 again from 2026-10-25 03:00.
const FRIDAY_1650_BERLIN = Date.UTC(2026, 2, 6, 15, 50);
const MONDAY_0920_BERLIN = Date.UTC(2026, 2, 9, 8, 20);

describe('around-the-clock policy', () => {
  const T = Date.UTC(2026, 0, 14, 22, 0);

  it('counts every millisecond and answers within the first-response target', () => {
    expect(businessMillisBetween(DEFAULT_SLA_POLICY, T, T + 3 * HOUR)).toBe(3 * HOUR);
    expect(businessMillisBetween(DEFAULT_SLA_POLICY, T + HOUR, T)).toBe(0);
    expect(addBusinessMillis(DEFAULT_SLA_POLICY, T, 90 * MINUTE)).toBe(T + 90 * MINUTE);

    const timer = slaTimer(DEFAULT_SLA_POLICY, { waitingSince: T, answeredBefore: false, pauses: [] }, T + 10 * MINUTE);
    expect(timer).toEqual({ kind: 'first', state: 'on-time', dueAt: T + 60 * MINUTE, remainingMs: 50 * MINUTE });
    expect(slaLabel(timer, T + 10 * MINUTE)).toBe('First response due in 50 min');
  });

  it('uses the next-response target once the case was answered', () => {
    const timer = slaTimer(DEFAULT_SLA_POLICY, { waitingSince: T, answeredBefore: true, pauses: [] }, T + 55 * MINUTE);
    expect(timer).toMatchObject({ kind: 'next', state: 'on-time', dueAt: T + 240 * MINUTE });
    expect(slaLabel(timer, T + 55 * MINUTE)).toBe('Next response due in 3 h 5 min');
  });

  it('has nothing due when no customer message waits', () => {
    const timer = slaTimer(DEFAULT_SLA_POLICY, { waitingSince: null, answeredBefore: true, pauses: [{ from: T, to: null }] }, T);
    expect(timer).toEqual({ kind: 'next', state: 'none', dueAt: null, remainingMs: null });
    expect(slaLabel(timer, T)).toBe('No response due');
  });

  it('closes holidays even around the clock', () => {
    const policy = slaPolicySchema.parse({ ...DEFAULT_SLA_POLICY, holidays: ['2026-01-15'] });
    expect(businessMillisBetween(policy, T, T + 4 * HOUR)).toBe(2 * HOUR);
    expect(addBusinessMillis(policy, T, 3 * HOUR)).toBe(Date.UTC(2026, 0, 16, 1, 0));
  });
});

describe('business hours in the handle’s time zone', () => {
  it('carries a Friday 16:50 message with a 30-minute target over the weekend to Monday 09:20', () => {
    const policy = berlinOffice();
    expect(addBusinessMillis(policy, FRIDAY_1650_BERLIN, 30 * MINUTE)).toBe(MONDAY_0920_BERLIN);
    expect(businessMillisBetween(policy, FRIDAY_1650_BERLIN, Date.UTC(2026, 2, 9, 9, 0))).toBe(70 * MINUTE);

    const now = FRIDAY_1650_BERLIN + 5 * MINUTE;
    const timer = slaTimer(policy, { waitingSince: FRIDAY_1650_BERLIN, answeredBefore: false, pauses: [] }, now);
    expect(timer).toEqual({ kind: 'first', state: 'on-time', dueAt: MONDAY_0920_BERLIN, remainingMs: 25 * MINUTE });
    // The label counts the wall-clock wait the agent has: the whole weekend.
    expect(slaLabel(timer, now)).toBe('First response due in 64 h 25 min');
  });

  it('stands still outside business hours', () => {
    const policy = berlinOffice();
    const saturdayNoon = Date.UTC(2026, 2, 7, 11, 0);
    const timer = slaTimer(policy, { waitingSince: saturdayNoon, answeredBefore: false, pauses: [] }, saturdayNoon + 20 * HOUR);
    expect(timer.remainingMs).toBe(30 * MINUTE);
    expect(timer.dueAt).toBe(MONDAY_0920_BERLIN - 20 * MINUTE + 30 * MINUTE);
  });

  it('skips a holiday', () => {
    const policy = berlinOffice({ holidays: ['2026-03-09'] });
    expect(addBusinessMillis(policy, FRIDAY_1650_BERLIN, 30 * MINUTE)).toBe(Date.UTC(2026, 2, 10, 8, 20));
    expect(businessMillisBetween(policy, FRIDAY_1650_BERLIN, Date.UTC(2026, 2, 10, 9, 0))).toBe(70 * MINUTE);
  });

  it('follows the clock change: Monday 09:20 after the spring-forward weekend is 07:20 UTC', () => {
    const policy = berlinOffice();
    expect(addBusinessMillis(policy, Date.UTC(2026, 2, 27, 15, 50), 30 * MINUTE)).toBe(Date.UTC(2026, 2, 30, 7, 20));
  });

  it('counts real hours on the days the clocks change', () => {
    const nightShift = berlinOffice({ businessHours: { ...closedDays, sun: [{ start: '01:00', end: '04:00' }] } });
    const week = (from: number) => businessMillisBetween(nightShift, from, from + 7 * 24 * HOUR);
    expect(week(Date.UTC(2026, 2, 16))).toBe(3 * HOUR);
    expect(week(Date.UTC(2026, 2, 23))).toBe(2 * HOUR); // 02:00–03:00 does not exist on 29 March
    expect(week(Date.UTC(2026, 9, 19))).toBe(4 * HOUR); // 02:00–03:00 happens twice on 25 October
    // 90 minutes after 01:00 CET is 03:30 CEST, not 02:30 (a local time that never happens).
    expect(addBusinessMillis(nightShift, Date.UTC(2026, 2, 29, 0, 0), 90 * MINUTE)).toBe(Date.UTC(2026, 2, 29, 1, 30));
    const allSunday = berlinOffice({ businessHours: { ...closedDays, sun: [{ start: '00:00', end: '24:00' }] } });
    expect(businessMillisBetween(allSunday, Date.UTC(2026, 2, 23), Date.UTC(2026, 2, 30))).toBe(23 * HOUR);
    expect(businessMillisBetween(allSunday, Date.UTC(2026, 9, 19), Date.UTC(2026, 9, 26))).toBe(25 * HOUR);
  });

  it('accepts an opening that runs to midnight', () => {
    const policy = berlinOffice({ businessHours: { ...closedDays, fri: [{ start: '22:00', end: '24:00' }] } });
    expect(businessMillisBetween(policy, FRIDAY_1650_BERLIN, FRIDAY_1650_BERLIN + 24 * HOUR)).toBe(2 * HOUR);
  });
});

describe('pauses', () => {
  const T = Date.UTC(2026, 4, 4, 8, 0);

  it('subtract the pending and snoozed stretches, overlapping ones counted once', () => {
    const pauses = [
      { from: T + 20 * MINUTE, to: T + 25 * MINUTE },
      { from: T + 10 * MINUTE, to: T + 30 * MINUTE },
      { from: T - HOUR, to: T + 5 * MINUTE }, // pending since before the message: only its tail counts
      { from: T + 2 * HOUR, to: T + 3 * HOUR }, // a snooze still ahead does not count yet
    ];
    const now = T + 40 * MINUTE;
    const timer = slaTimer(DEFAULT_SLA_POLICY, { waitingSince: T, answeredBefore: false, pauses }, now);
    expect(timer).toEqual({ kind: 'first', state: 'on-time', dueAt: now + 45 * MINUTE, remainingMs: 45 * MINUTE });
  });

  it('count only working time that was paused', () => {
    const policy = berlinOffice();
    // Pending from Friday 16:55 to Monday 09:05 Berlin time: only 10 working minutes are paused.
    const pauses = [{ from: FRIDAY_1650_BERLIN + 5 * MINUTE, to: MONDAY_0920_BERLIN - 15 * MINUTE }];
    const timer = slaTimer(policy, { waitingSince: FRIDAY_1650_BERLIN, answeredBefore: false, pauses }, MONDAY_0920_BERLIN);
    expect(timer.remainingMs).toBe(10 * MINUTE);
    expect(timer.dueAt).toBe(MONDAY_0920_BERLIN + 10 * MINUTE);
  });

  it('freeze the clock while a pause is open', () => {
    const input = { waitingSince: T, answeredBefore: true, pauses: [{ from: T + 115 * MINUTE, to: null }] };
    const atPause = slaTimer(DEFAULT_SLA_POLICY, input, T + 115 * MINUTE);
    const muchLater = slaTimer(DEFAULT_SLA_POLICY, input, T + 10 * HOUR);
    expect(muchLater).toEqual({ kind: 'next', state: 'paused', dueAt: null, remainingMs: 125 * MINUTE });
    expect(atPause).toEqual(muchLater);
    expect(slaLabel(muchLater, T + 10 * HOUR)).toBe('Next response due in 2 h 5 min (paused)');
  });

  it('do not undo a breach', () => {
    const input = { waitingSince: T, answeredBefore: false, pauses: [{ from: T + 70 * MINUTE, to: null }] };
    const timer = slaTimer(DEFAULT_SLA_POLICY, input, T + 3 * HOUR);
    expect(timer).toEqual({ kind: 'first', state: 'breached', dueAt: T + 60 * MINUTE, remainingMs: -10 * MINUTE });
  });
});

describe('states and labels', () => {
  const T = Date.UTC(2026, 6, 1, 12, 0);
  const at = (now: number) => slaTimer(DEFAULT_SLA_POLICY, { waitingSince: T, answeredBefore: false, pauses: [] }, now);

  it('turns due-soon exactly warnBeforeMinutes before the target', () => {
    expect(at(T + 45 * MINUTE - 1).state).toBe('on-time');
    expect(at(T + 45 * MINUTE).state).toBe('due-soon');
    expect(slaLabel(at(T + 48 * MINUTE), T + 48 * MINUTE)).toBe('First response due in 12 min');
    const noWarning = slaPolicySchema.parse({ ...DEFAULT_SLA_POLICY, warnBeforeMinutes: 0 });
    expect(slaTimer(noWarning, { waitingSince: T, answeredBefore: false, pauses: [] }, T + 59 * MINUTE).state).toBe('on-time');
  });

  it('is breached once the target is reached, and says how late', () => {
    expect(at(T + 60 * MINUTE - 1).state).toBe('due-soon');
    expect(at(T + 60 * MINUTE).state).toBe('breached');
    const late = at(T + 67 * MINUTE);
    expect(late).toEqual({ kind: 'first', state: 'breached', dueAt: T + 60 * MINUTE, remainingMs: -7 * MINUTE });
    expect(slaLabel(late, T + 67 * MINUTE)).toBe('Breached: first response 7 min late');
  });

  it('names a breach after business hours in wall-clock lateness from the due time', () => {
    const policy = berlinOffice();
    const now = MONDAY_0920_BERLIN + 5 * MINUTE;
    const timer = slaTimer(policy, { waitingSince: FRIDAY_1650_BERLIN, answeredBefore: false, pauses: [] }, now);
    expect(timer).toEqual({ kind: 'first', state: 'breached', dueAt: MONDAY_0920_BERLIN, remainingMs: -5 * MINUTE });
    expect(slaLabel(timer, now)).toBe('Breached: first response 5 min late');
  });
});

describe('policy validation', () => {
  it('fills in the warning lead and keeps a valid policy', () => {
    const { warnBeforeMinutes: _omitted, ...rest } = DEFAULT_SLA_POLICY;
    expect(slaPolicySchema.parse(rest)).toEqual(DEFAULT_SLA_POLICY);
  });

  it('rejects an unknown time zone by name', () => {
    expect(firstIssueMessage({ ...DEFAULT_SLA_POLICY, timeZone: 'Mars/Olympus_Mons' })).toBe(
      'Unknown time zone "Mars/Olympus_Mons": use an IANA zone name such as Europe/Berlin',
    );
  });

  it('rejects business hours that end before they start', () => {
    const businessHours = { ...closedDays, tue: [{ start: '17:00', end: '09:00' }] };
    const result = slaPolicySchema.safeParse({ ...DEFAULT_SLA_POLICY, businessHours });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({
      path: ['businessHours', 'tue', 0, 'end'],
      message: 'Business hours must end after they start (17:00–09:00)',
    });
  });

  it('rejects overlapping hours, malformed times, bad holidays, missing days and out-of-range targets', () => {
    const overlap = { ...closedDays, mon: [{ start: '09:00', end: '13:00' }, { start: '12:00', end: '17:00' }] };
    expect(firstIssueMessage({ ...DEFAULT_SLA_POLICY, businessHours: overlap })).toBe('Business hours of a day must be listed in order and must not overlap');
    expect(firstIssueMessage({ ...DEFAULT_SLA_POLICY, businessHours: { ...closedDays, mon: [{ start: '9:00', end: '17:00' }] } })).toBe(
      'Times must be written HH:MM, 00:00 to 24:00 (got "9:00")',
    );
    expect(firstIssueMessage({ ...DEFAULT_SLA_POLICY, holidays: ['2026-02-30'] })).toBe('Holidays must be calendar dates written YYYY-MM-DD (got "2026-02-30")');
    const { sun: _sun, ...sixDays } = closedDays;
    expect(firstIssueMessage({ ...DEFAULT_SLA_POLICY, businessHours: sixDays })).toBe('Business hours need a list for each day, mon to sun (an empty list means closed)');
    expect(firstIssueMessage({ ...DEFAULT_SLA_POLICY, firstResponseMinutes: 0 })).toBe('The first-response target must be at least 1 minute');
    expect(firstIssueMessage({ ...DEFAULT_SLA_POLICY, nextResponseMinutes: 1.5 })).toBe('The next-response target must be a whole number of minutes');
  });
});

describe('policies that never or rarely open', () => {
  it('does not hang when no hour is open', () => {
    const closed = berlinOffice({ businessHours: closedDays });
    const T = Date.UTC(2026, 0, 5, 9, 0);
    expect(addBusinessMillis(closed, T, MINUTE)).toBe(Infinity);
    expect(businessMillisBetween(closed, T, T + 30 * 24 * HOUR)).toBe(0);
    const timer = slaTimer(closed, { waitingSince: T, answeredBefore: false, pauses: [] }, T + 30 * 24 * HOUR);
    expect(timer).toEqual({ kind: 'first', state: 'on-time', dueAt: null, remainingMs: 30 * MINUTE });
    expect(slaLabel(timer, T)).toBe('First response due when business hours open');
  });

  it('gives up after ten years of calendar instead of searching forever', () => {
    const oneMinuteOnMondays = berlinOffice({ businessHours: { ...closedDays, mon: [{ start: '09:00', end: '09:01' }] } });
    const T = Date.UTC(2026, 0, 5, 9, 0);
    expect(addBusinessMillis(oneMinuteOnMondays, T, 10_000 * MINUTE)).toBe(Infinity);
    expect(addBusinessMillis(oneMinuteOnMondays, T, 3 * MINUTE)).toBe(Date.UTC(2026, 0, 26, 8, 1));
    // Measuring a long range is not capped: twelve years hold 624 Mondays.
    expect(businessMillisBetween(oneMinuteOnMondays, T, T + 624 * 7 * 24 * HOUR)).toBe(624 * MINUTE);
  });

  it('rejects times that are not finite instead of looping on them', () => {
    expect(() => businessMillisBetween(DEFAULT_SLA_POLICY, 0, Infinity)).toThrow(RangeError);
    expect(() => addBusinessMillis(DEFAULT_SLA_POLICY, Number.NaN, MINUTE)).toThrow('fromMs must be a finite time');
    expect(() => slaTimer(DEFAULT_SLA_POLICY, { waitingSince: -8e15, answeredBefore: false, pauses: [] }, 0)).toThrow(RangeError);
  });
});
