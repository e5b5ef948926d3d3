import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  describeAction,
  describeCondition,
  routePost,
  routingFactsOf,
  routingRuleSchema,
  routingRulesSchema,
  type Action,
  type Condition,
  type RoutingFacts,
  type RoutingRule,
} from '../../src/shared/routing-rules';
import { postView } from '../helpers/posts';

const FACTS: RoutingFacts = {
  text: 'My flight is delayed again',
  lang: 'en',
  followers: 1200,
  verified: false,
  labels: [],
  sentiment: 'neutral',
  priorityScore: 40,
};

const facts = (fields: Partial<RoutingFacts> = {}): RoutingFacts => ({ ...FACTS, ...fields });

let ruleCount = 0;
function rule(conditions: Condition[], actions: Action[] = [{ kind: 'tag', tags: ['hit'] }], fields: Partial<RoutingRule> = {}): RoutingRule {
  ruleCount += 1;
  return routingRuleSchema.parse({ id: `rule-${ruleCount}`, name: `Rule ${ruleCount}`, conditions, actions, stop: false, ...fields });
}

/** Whether a single rule with this one condition matches the facts. */
const holds = (condition: Condition, on: RoutingFacts) => routePost([rule([condition])], on).matchedRuleIds.length === 1;

/** The readable message zod gives for the first problem, with its path. */
function problem(schema: z.ZodType, input: unknown): string {
  const result = schema.safeParse(input);
  if (result.success) throw new Error('expected the input to be refused');
  return z.prettifyError(result.error);
}

describe('routing conditions', () => {
  const keywords = (...anyOf: string[]): Condition => ({ kind: 'keywords', anyOf });

  it('matches keywords as whole words or phrases, ignoring case and accents', () => {
    expect(holds(keywords('refund', 'delayed'), facts({ text: 'Flight DELAYED, again!' }))).toBe(true);
    expect(holds(keywords('delay'), facts({ text: 'Flight delayed again' }))).toBe(false);
    expect(holds(keywords('flight delayed'), facts({ text: 'my Flight\n delayed' }))).toBe(true);
    expect(holds(keywords('flight delayed'), facts({ text: 'flight was delayed' }))).toBe(false);
    expect(holds(keywords('cafe'), facts({ text: 'Cold coffee at the CAFÉ' }))).toBe(true);
    expect(holds(keywords('возврат'), facts({ text: 'Где мой возврат?' }))).toBe(true);
    expect(holds(keywords('возврат'), facts({ text: 'Где мой возвратом' }))).toBe(false);
  });

  it('treats hashtags and mentions as words', () => {
    expect(holds(keywords('refund'), facts({ text: 'Still waiting #Refund' }))).toBe(true);
    expect(holds(keywords('#refund'), facts({ text: 'Still waiting #refund' }))).toBe(true);
    expect(holds(keywords('#refund'), facts({ text: 'I want a refund' }))).toBe(false);
    expect(holds(keywords('#refund'), facts({ text: 'see #refunds' }))).toBe(false);
    expect(holds(keywords('@acme'), facts({ text: 'hey @ACME help' }))).toBe(true);
    expect(holds(keywords('@acme'), facts({ text: 'hey @acme_help' }))).toBe(false);
    expect(holds(keywords('@acme'), facts({ text: 'mail support@acme.com' }))).toBe(false);
  });

  it('matches keywords in scripts without spaces anywhere in the text', () => {
    expect(holds(keywords('退款'), facts({ text: '我要退款，谢谢' }))).toBe(true);
    expect(holds(keywords('遅延'), facts({ text: 'フライトが遅延しています' }))).toBe(true);
    expect(holds(keywords('iphone'), facts({ text: 'iPhoneが壊れた' }))).toBe(true);
    expect(holds(keywords('退款'), facts({ text: '谢谢' }))).toBe(false);
  });

  it('compares the primary language subtag, and an unknown language never matches', () => {
    const language: Condition = { kind: 'language', anyOf: ['en', 'pt-BR'] };
    expect(holds(language, facts({ lang: 'en' }))).toBe(true);
    expect(holds(language, facts({ lang: 'en-GB' }))).toBe(true);
    expect(holds(language, facts({ lang: 'pt' }))).toBe(true);
    expect(holds(language, facts({ lang: 'fr' }))).toBe(false);
    expect(holds(language, facts({ lang: null }))).toBe(false);
    expect(holds({ kind: 'language', anyOf: ['und'] }, facts({ lang: 'und' }))).toBe(false);
  });

  it('checks the follower count against "at least" and "below"', () => {
    const band: Condition = { kind: 'followers', atLeast: 1000, below: 10_000 };
    expect(holds(band, facts({ followers: 1000 }))).toBe(true);
    expect(holds(band, facts({ followers: 999 }))).toBe(false);
    expect(holds(band, facts({ followers: 10_000 }))).toBe(false);
    expect(holds({ kind: 'followers', atLeast: 50_000 }, facts({ followers: 80_000 }))).toBe(true);
    expect(holds({ kind: 'followers', below: 10 }, facts({ followers: 0 }))).toBe(true);
    expect(holds({ kind: 'followers', below: 10 }, facts({ followers: null }))).toBe(false);
  });

  it('checks whether the author is verified, and unknown is neither', () => {
    expect(holds({ kind: 'verified', is: true }, facts({ verified: true }))).toBe(true);
    expect(holds({ kind: 'verified', is: true }, facts({ verified: false }))).toBe(false);
    expect(holds({ kind: 'verified', is: false }, facts({ verified: false }))).toBe(true);
    expect(holds({ kind: 'verified', is: false }, facts({ verified: null }))).toBe(false);
  });

  it('matches customer labels ignoring case', () => {
    const label: Condition = { kind: 'label', anyOf: ['VIP', 'Press'] };
    expect(holds(label, facts({ labels: ['press'] }))).toBe(true);
    expect(holds(label, facts({ labels: ['partner'] }))).toBe(false);
    expect(holds(label, facts({ labels: [] }))).toBe(false);
  });

  it('matches sentiment, and unknown sentiment never matches', () => {
    const sentiment: Condition = { kind: 'sentiment', anyOf: ['negative'] };
    expect(holds(sentiment, facts({ sentiment: 'negative' }))).toBe(true);
    expect(holds(sentiment, facts({ sentiment: 'positive' }))).toBe(false);
    expect(holds(sentiment, facts({ sentiment: null }))).toBe(false);
  });

  it('matches a priority score at or above the threshold', () => {
    const priority: Condition = { kind: 'priority', atLeast: 70 };
    expect(holds(priority, facts({ priorityScore: 70 }))).toBe(true);
    expect(holds(priority, facts({ priorityScore: 69.5 }))).toBe(false);
    expect(holds(priority, facts({ priorityScore: null }))).toBe(false);
  });

  it('needs every condition of a rule, and a rule without conditions catches everything', () => {
    const both = rule([keywords('delayed'), { kind: 'verified', is: true }]);
    expect(routePost([both], facts({ verified: true })).matchedRuleIds).toEqual([both.id]);
    expect(routePost([both], facts({ verified: false })).matchedRuleIds).toEqual([]);
    const always = rule([]);
    expect(routePost([always], facts({ text: '', lang: null, followers: null })).matchedRuleIds).toEqual([always.id]);
  });
});

describe('routingFactsOf', () => {
  it("reads the text, language and author's followers and verification from the post", () => {
    const post = postView({ text: 'Where is my bag?', lang: 'de' }, { followersCount: 52_000, verified: true });
    expect(routingFactsOf(post, { labels: ['VIP'], sentiment: 'negative', priorityScore: 88 })).toEqual({
      text: 'Where is my bag?',
      lang: 'de',
      followers: 52_000,
      verified: true,
      labels: ['VIP'],
      sentiment: 'negative',
      priorityScore: 88,
    });
  });
});

describe('routePost', () => {
  const always = (actions: Action[], fields: Partial<RoutingRule> = {}) => rule([], actions, fields);
  const never = (actions: Action[]) => rule([{ kind: 'verified', is: true }], actions);

  it('decides nothing when no rule matches', () => {
    expect(routePost([never([{ kind: 'doNotEngage' }])], facts())).toEqual({
      assignTo: null,
      priority: null,
      tags: [],
      doNotEngage: false,
      matchedRuleIds: [],
    });
  });

  it('assigns to the first matching rule that assigns, a member or a role', () => {
    const decision = routePost(
      [
        never([{ kind: 'assign', to: { memberId: 'dana' } }]),
        always([{ kind: 'tag', tags: ['triage'] }]),
        always([{ kind: 'assign', to: { roleId: 'agent' } }]),
        always([{ kind: 'assign', to: { memberId: 'eli' } }]),
      ],
      facts(),
    );
    expect(decision.assignTo).toEqual({ roleId: 'agent' });
  });

  it('takes the priority of the last matching rule that sets one', () => {
    const decision = routePost(
      [always([{ kind: 'priority', set: 'high' }]), always([{ kind: 'priority', set: 'urgent' }]), never([{ kind: 'priority', set: 'low' }])],
      facts(),
    );
    expect(decision.priority).toBe('urgent');
  });

  it('collects the tags of every matching rule in order, each once', () => {
    const decision = routePost(
      [always([{ kind: 'tag', tags: ['billing', 'refund'] }]), never([{ kind: 'tag', tags: ['press'] }]), always([{ kind: 'tag', tags: ['refund', 'vip', 'vip'] }])],
      facts(),
    );
    expect(decision.tags).toEqual(['billing', 'refund', 'vip']);
  });

  it('marks the post do-not-engage when a matching rule says so', () => {
    expect(routePost([always([{ kind: 'doNotEngage' }])], facts()).doNotEngage).toBe(true);
    expect(routePost([never([{ kind: 'doNotEngage' }])], facts()).doNotEngage).toBe(false);
  });

  it('stops after a matching rule with stop, and only a matching one', () => {
    const skipped = rule([{ kind: 'verified', is: true }], [{ kind: 'priority', set: 'low' }], { stop: true });
    const stopper = always([{ kind: 'priority', set: 'high' }, { kind: 'tag', tags: ['spam'] }], { stop: true });
    const later = always([{ kind: 'priority', set: 'urgent' }, { kind: 'assign', to: { memberId: 'dana' } }]);
    const decision = routePost([skipped, stopper, later], facts());
    expect(decision).toEqual({ assignTo: null, priority: 'high', tags: ['spam'], doNotEngage: false, matchedRuleIds: [stopper.id] });
  });
});

describe('routing rule schemas', () => {
  const valid = { id: 'vip', name: 'VIPs first', conditions: [{ kind: 'label', anyOf: ['VIP'] }], actions: [{ kind: 'priority', set: 'urgent' }], stop: true };

  it('accepts a well-formed rule and trims its words', () => {
    const parsed = routingRuleSchema.parse({ ...valid, conditions: [{ kind: 'keywords', anyOf: ['  refund '] }] });
    expect(parsed.conditions).toEqual([{ kind: 'keywords', anyOf: ['refund'] }]);
  });

  it('refuses bad rules with messages a person can act on', () => {
    expect(problem(routingRuleSchema, { ...valid, name: '  ' })).toContain('a rule needs a name');
    expect(problem(routingRuleSchema, { ...valid, actions: [] })).toContain('a rule needs at least one action');
    expect(problem(routingRuleSchema, { ...valid, conditions: [{ kind: 'mood', anyOf: ['x'] }] })).toContain(
      'must be a condition of kind keywords, language, followers, verified, label, sentiment, priority',
    );
    expect(problem(routingRuleSchema, { ...valid, conditions: [{ kind: 'keywords', anyOf: [] }] })).toContain('needs at least one keyword');
    expect(problem(routingRuleSchema, { ...valid, conditions: [{ kind: 'language', anyOf: ['English'] }] })).toContain('must be a language code');
    expect(problem(routingRuleSchema, { ...valid, conditions: [{ kind: 'followers' }] })).toContain('needs "at least", "below" or both');
    expect(problem(routingRuleSchema, { ...valid, conditions: [{ kind: 'followers', atLeast: 500, below: 100 }] })).toContain(
      '"at least" must be lower than "below"',
    );
    expect(problem(routingRuleSchema, { ...valid, conditions: [{ kind: 'sentiment', anyOf: ['angry'] }] })).toContain(
      'must be negative, neutral or positive',
    );
    expect(problem(routingRuleSchema, { ...valid, conditions: [{ kind: 'priority', atLeast: 120 }] })).toContain('must be 0 to 100');
    expect(problem(routingRuleSchema, { ...valid, actions: [{ kind: 'assign', to: { teamId: 'x' } }] })).toContain(
      'must name one team member ({ memberId }) or one role ({ roleId })',
    );
    expect(problem(routingRuleSchema, { ...valid, actions: [{ kind: 'priority', set: 'asap' }] })).toContain('must be low, normal, high or urgent');
    expect(
      problem(routingRuleSchema, {
        ...valid,
        actions: [
          { kind: 'assign', to: { memberId: 'a' } },
          { kind: 'assign', to: { memberId: 'b' } },
        ],
      }),
    ).toContain('a rule can have one "assign" action only');
  });

  it('refuses more than 100 rules and repeated rule ids', () => {
    const many = Array.from({ length: 101 }, (_, index) => ({ ...valid, id: `r${index}` }));
    expect(problem(routingRulesSchema, many)).toContain('at most 100 routing rules per handle');
    expect(problem(routingRulesSchema, [valid, { ...valid, name: 'Copy' }])).toContain('two rules have the id "vip"');
    expect(routingRulesSchema.parse(many.slice(0, 100))).toHaveLength(100);
  });
});

describe('descriptions for the Team settings form', () => {
  it('describes each condition', () => {
    expect(describeCondition({ kind: 'keywords', anyOf: ['refund', 'delay'] })).toBe('Keywords: refund, delay');
    expect(describeCondition({ kind: 'language', anyOf: ['en', 'fr'] })).toBe('Language: en, fr');
    expect(describeCondition({ kind: 'followers', atLeast: 10_000 })).toBe('Followers: at least 10,000');
    expect(describeCondition({ kind: 'followers', below: 100 })).toBe('Followers: below 100');
    expect(describeCondition({ kind: 'followers', atLeast: 100, below: 1000 })).toBe('Followers: at least 100 and below 1,000');
    expect(describeCondition({ kind: 'verified', is: true })).toBe('Author is verified');
    expect(describeCondition({ kind: 'verified', is: false })).toBe('Author is not verified');
    expect(describeCondition({ kind: 'label', anyOf: ['VIP', 'press'] })).toBe('Customer label: VIP, press');
    expect(describeCondition({ kind: 'sentiment', anyOf: ['negative'] })).toBe('Sentiment: negative');
    expect(describeCondition({ kind: 'priority', atLeast: 70 })).toBe('Priority score at least 70');
  });

  it('describes each action, with names when the form knows them', () => {
    expect(describeAction({ kind: 'assign', to: { roleId: 'agent' } })).toBe('Assign to role agent');
    expect(describeAction({ kind: 'assign', to: { memberId: 'm1' } }, { member: () => 'Dana' })).toBe('Assign to Dana');
    expect(describeAction({ kind: 'assign', to: { memberId: 'm1' } }, { member: () => null })).toBe('Assign to m1');
    expect(describeAction({ kind: 'priority', set: 'urgent' })).toBe('Set priority to urgent');
    expect(describeAction({ kind: 'tag', tags: ['billing', 'refund'] })).toBe('Tag: billing, refund');
    expect(describeAction({ kind: 'doNotEngage' })).toBe('Do not engage');
  });
});
