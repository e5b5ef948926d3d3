// Alert rules: what the member may save (checked at the dialog and again at the core), what each
// kind hears, and what the desktop notification of an alert says.
import { describe, expect, it } from 'vitest';
import { alertMatches, alertNotification, alertRulesSchema, describeAlertRule, type AlertRule, type AlertSubject } from '../../src/shared/alerts';
import { freshBreaches, subjectOfPost, ALERT_FRESH_MS } from '../../src/main/core/alerts/alert-watch';
import { DEFAULT_SLA_POLICY } from '../../src/shared/sla';
import type { AssignmentView } from '../../src/shared/hub-protocol';
import type { PostView } from '../../src/shared/domain';

const flags = { enabled: true, sound: true, digest: false };
const keyword = (word: string, id = 'k1'): AlertRule => ({ id, kind: 'keyword', keyword: word, ...flags });
const post = (text: string, extra: Partial<AlertSubject> = {}): AlertSubject => ({ kind: 'post', id: '100', text, author: { username: 'vera', name: 'Vera' }, priority: null, labels: [], link: null, ...extra });

describe('which alert rules may be saved', () => {
  it('takes each kind with its field, trimmed', () => {
    const parsed = alertRulesSchema.parse([
      { ...keyword('  refund '), id: 'a' },
      { id: 'b', kind: 'priority', minPriority: 70, ...flags },
      { id: 'c', kind: 'label', label: ' VIP ', ...flags },
      { id: 'd', kind: 'slaBreach', ...flags },
    ]);
    expect(parsed.map(describeAlertRule)).toEqual(['Keyword “refund”', 'Priority 70 or above', 'Customer labelled VIP', 'SLA breach (first response)']);
  });

  it('refuses an empty keyword, a priority out of 1..100, an unknown kind, extra fields, and two rules asking the same', () => {
    const message = (rules: unknown) => {
      const parsed = alertRulesSchema.safeParse(rules);
      return parsed.success ? null : parsed.error.issues[0]?.message;
    };
    expect(message([keyword('   ')])).toBe('An alert keyword cannot be empty');
    expect(message([{ id: 'p', kind: 'priority', minPriority: 0, ...flags }])).toBe('The alert priority must be at least 1');
    expect(message([{ id: 'p', kind: 'priority', minPriority: 101, ...flags }])).toBe('The alert priority must be at most 100');
    expect(message([{ id: 'p', kind: 'priority', minPriority: 'high', ...flags }])).toBe('The alert priority must be a number from 1 to 100');
    expect(message([{ id: 'x', kind: 'weather', ...flags }])).toBe('An alert kind must be keyword, priority, label or slaBreach');
    expect(message([{ ...keyword('refund'), password: 'x' }])).toBeTruthy();
    expect(message([keyword('Refund', 'a'), keyword('refund', 'b')])).toBe('Two alerts ask the same: Keyword “refund”');
    expect(message([keyword('refund', 'a'), keyword('delay', 'a')])).toBe('Two alerts share the id a');
    expect(message(Array.from({ length: 51 }, (_, index) => keyword(`w${index}`, `id${index}`)))).toBe('At most 50 alerts');
  });
});

describe('what each kind of alert hears', () => {
  it('a keyword: the whole word or phrase, ignoring case and accents, not inside another word', () => {
    expect(alertMatches(keyword('refund'), post('I want a REFUND!'))).toBe(true);
    expect(alertMatches(keyword('cafe'), post('Le café était froid'))).toBe(true);
    expect(alertMatches(keyword('lost bag'), post('my lost  bag?'))).toBe(false);
    expect(alertMatches(keyword('lost bag'), post('my lost bag?'))).toBe(true);
    expect(alertMatches(keyword('refund'), post('refunds are slow'))).toBe(false);
    expect(alertMatches(keyword('c++'), post('I love c++ a lot'))).toBe(true);
  });

  it('a priority: assessed at or above it; unassessed never', () => {
    const rule: AlertRule = { id: 'p', kind: 'priority', minPriority: 70, ...flags };
    expect(alertMatches(rule, post('x', { priority: 70 }))).toBe(true);
    expect(alertMatches(rule, post('x', { priority: 69 }))).toBe(false);
    expect(alertMatches(rule, post('x', { priority: null }))).toBe(false);
  });

  it('a label: the author carries it (any case); breaches only for breach rules; a disabled rule hears nothing', () => {
    const vip: AlertRule = { id: 'l', kind: 'label', label: 'VIP', ...flags };
    expect(alertMatches(vip, post('hi', { labels: ['vip'] }))).toBe(true);
    expect(alertMatches(vip, post('hi', { labels: ['press'] }))).toBe(false);
    const breach: AlertRule = { id: 's', kind: 'slaBreach', ...flags };
    const breachSubject = post('refund', { kind: 'slaBreach' });
    expect(alertMatches(breach, breachSubject)).toBe(true);
    expect(alertMatches(breach, post('refund'))).toBe(false);
    expect(alertMatches(keyword('refund'), breachSubject)).toBe(false);
    expect(alertMatches({ ...keyword('refund'), enabled: false }, post('refund'))).toBe(false);
  });

  it('a post: not the brand handle’s own, not one older than an hour when it arrives', () => {
    const now = Date.parse('2026-12-04T12:00:00Z');
    const view = { id: '9', authorId: 'u1', text: 'refund', createdAt: new Date(now - 60_000).toISOString(), author: { username: 'vera', name: 'Vera' }, assessment: { priority: 80 } } as unknown as PostView;
    expect(subjectOfPost(view, new Set(), () => ['VIP'], now)).toMatchObject({ kind: 'post', id: '9', priority: 80, labels: ['VIP'], link: expect.stringContaining('/vera/status/9') });
    expect(subjectOfPost(view, new Set(['u1']), () => [], now)).toBeNull();
    expect(subjectOfPost({ ...view, createdAt: new Date(now - ALERT_FRESH_MS - 1).toISOString() }, new Set(), () => [], now)).toBeNull();
  });

  it('a breach: an open, unanswered case whose first-response target passed within the hour', () => {
    const now = Date.parse('2026-12-04T12:00:00Z');
    const item = (waitingSince: number | null, extra: Partial<AssignmentView> = {}): AssignmentView =>
      ({ handleId: 'h', postId: '1', assigneeId: null, status: 'open', tags: [], version: 1, customerId: null, priority: 'normal', snoozedUntil: null, waitingSince, answered: false, pauses: [], doNotEngage: false, messageIds: [], ...extra }) as AssignmentView;
    const policy = () => DEFAULT_SLA_POLICY; // 60 minutes
    expect(freshBreaches([item(now - 61 * 60_000)], policy, now)).toHaveLength(1);
    expect(freshBreaches([item(now - 59 * 60_000)], policy, now)).toHaveLength(0);
    expect(freshBreaches([item(now - 3 * 3_600_000)], policy, now)).toHaveLength(0); // long breached: not news
    expect(freshBreaches([item(now - 61 * 60_000, { answered: true })], policy, now)).toHaveLength(0);
    expect(freshBreaches([item(now - 61 * 60_000, { status: 'resolved' })], policy, now)).toHaveLength(0);
    expect(freshBreaches([item(now - 61 * 60_000)], () => null, now)).toHaveLength(0);
  });
});

describe('the desktop notification of an alert', () => {
  it('names the rule, who wrote and what (clipped), one notification per rule', () => {
    const content = alertNotification({ rule: 'Keyword “refund”', ruleId: 'r1', kind: 'post', author: '@vera', text: `I want a refund\n${'x'.repeat(300)}` });
    expect(content.title).toBe('Alert: Keyword “refund”');
    expect(content.body.startsWith('@vera: I want a refund x')).toBe(true);
    expect(Array.from(content.body.slice('@vera: '.length))).toHaveLength(140);
    expect(content.tag).toBe('deckhand-alert-r1');
    expect(alertNotification({ rule: 'SLA breach (first response)', ruleId: 's', kind: 'slaBreach', author: null, text: 'late' }).body).toBe('late');
  });
});
