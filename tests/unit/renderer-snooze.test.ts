import { describe, expect, it } from 'vitest';
import { newCase } from '../../src/shared/hub-protocol';
import { snoozeChoices, snoozeLabel } from '../../src/renderer/src/logic/team-cases';

const HOUR = 3_600_000;
/** Thursday 3 December 2026, 16:20 local time. */
const now = new Date(2026, 11, 3, 16, 20).getTime();

describe('snoozing a case', () => {
  it('offers one hour, four hours, tomorrow 9:00 and the customer’s next message', () => {
    const choices = snoozeChoices(now);
    expect(choices.map((choice) => choice.label)).toEqual(['For 1 hour', 'For 4 hours', 'Until tomorrow 9:00', 'Until the customer writes']);
    expect(choices.map((choice) => choice.until)).toEqual([now + HOUR, now + 4 * HOUR, new Date(2026, 11, 4, 9, 0).getTime(), null]);
  });

  it('snoozes until 9:00 of the next day across a month’s end', () => {
    const tomorrow = snoozeChoices(new Date(2026, 11, 31, 23, 30).getTime()).find((choice) => choice.id === 'tomorrow');
    expect(tomorrow?.until).toBe(new Date(2027, 0, 1, 9, 0).getTime());
  });

  it('says until when a snoozed case sleeps', () => {
    expect(snoozeLabel(null, now)).toBeNull();
    expect(snoozeLabel(newCase('acme', '1', { status: 'open', snoozedUntil: now + HOUR }), now)).toBeNull();
    expect(snoozeLabel(newCase('acme', '1', { status: 'snoozed', snoozedUntil: null }), now)).toBe('Snoozed until the customer writes');

    // The time in the user's locale: 17:50 or 05:50 PM; a later day adds the date before it.
    const today = snoozeLabel(newCase('acme', '1', { status: 'snoozed', snoozedUntil: now + 1.5 * HOUR }), now);
    expect(today).toMatch(/^Snoozed until (17|05)[:.]50/);
    const tomorrow = snoozeLabel(newCase('acme', '1', { status: 'snoozed', snoozedUntil: new Date(2026, 11, 4, 9, 0).getTime() }), now);
    expect(tomorrow).toMatch(/^Snoozed until \D*4\D.*09[:.]00/);
  });
});
