// A brand handle's routing rules: which posts a rule catches and what it does with them. Pure: the
// hub runs them when a post becomes a case; the Team settings form validates and describes them.
import { z } from 'zod';
import { foldText } from './column-filters';
import type { PostView } from './domain';
import { CASE_PRIORITIES, type CasePriority } from './hub-protocol';

export const SENTIMENTS = ['negative', 'neutral', 'positive'] as const;
export type Sentiment = (typeof SENTIMENTS)[number];

// ---------------------------------------------------------------------------------------------
// Schemas

const listOf = <T extends z.ZodType>(item: T, what: string) =>
  z.array(item).min(1, `needs at least one ${what}`).max(50, `at most 50 ${what}s`);

const keyword = z.string().trim().min(1, 'a keyword cannot be empty').max(100, 'a keyword is longer than 100 characters');
const languageCode = z.string().trim().regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/, 'must be a language code such as "en" or "pt-BR"');
const label = z.string().trim().min(1, 'a label cannot be empty').max(50, 'a label is longer than 50 characters');
const followerCount = z.number().int('must be a whole number').min(0, 'cannot be negative');
const tag = z.string().trim().min(1, 'a tag cannot be empty').max(30, 'a tag is longer than 30 characters');

const CONDITION_KINDS = ['keywords', 'language', 'followers', 'verified', 'label', 'sentiment', 'priority'] as const;
const ACTION_KINDS = ['assign', 'priority', 'tag', 'doNotEngage'] as const;

export const conditionSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('keywords'), anyOf: listOf(keyword, 'keyword') }),
    z.strictObject({ kind: z.literal('language'), anyOf: listOf(languageCode, 'language') }),
    z
      .strictObject({ kind: z.literal('followers'), atLeast: followerCount.optional(), below: followerCount.optional() })
      .refine((c) => c.atLeast !== undefined || c.below !== undefined, 'a followers condition needs "at least", "below" or both')
      .refine((c) => c.atLeast === undefined || c.below === undefined || c.atLeast < c.below, {
        message: '"at least" must be lower than "below"',
        path: ['below'],
      }),
    z.strictObject({ kind: z.literal('verified'), is: z.boolean() }),
    z.strictObject({ kind: z.literal('label'), anyOf: listOf(label, 'label') }),
    z.strictObject({ kind: z.literal('sentiment'), anyOf: listOf(z.enum(SENTIMENTS, 'must be negative, neutral or positive'), 'sentiment') }),
    z.strictObject({ kind: z.literal('priority'), atLeast: z.number().min(0, 'must be 0 to 100').max(100, 'must be 0 to 100') }),
  ],
  { error: (issue) => (issue.code === 'invalid_union' ? `must be a condition of kind ${CONDITION_KINDS.join(', ')}` : undefined) },
);
export type Condition = z.infer<typeof conditionSchema>;

const memberOrRole = z.union([z.strictObject({ memberId: z.string().min(1).max(64) }), z.strictObject({ roleId: z.string().min(1).max(64) })], {
  error: 'must name one team member ({ memberId }) or one role ({ roleId })',
});
export type AssignTarget = z.infer<typeof memberOrRole>;

export const actionSchema = z.discriminatedUnion(
  'kind',
  [
    /** A role stands for a group: the members holding that role on the handle. */
    z.strictObject({ kind: z.literal('assign'), to: memberOrRole }),
    z.strictObject({ kind: z.literal('priority'), set: z.enum(CASE_PRIORITIES, 'must be low, normal, high or urgent') }),
    z.strictObject({ kind: z.literal('tag'), tags: listOf(tag, 'tag') }),
    z.strictObject({ kind: z.literal('doNotEngage') }),
  ],
  { error: (issue) => (issue.code === 'invalid_union' ? `must be an action of kind ${ACTION_KINDS.join(', ')}` : undefined) },
);
export type Action = z.infer<typeof actionSchema>;

/** The first name that occurs twice in the list, or null. */
function firstRepeat(names: readonly string[]): string | null {
  return names.find((name, index) => names.indexOf(name) !== index) ?? null;
}

export const routingRuleSchema = z
  .strictObject({
    id: z.string().min(1, 'a rule id cannot be empty').max(64, 'a rule id is longer than 64 characters'),
    name: z.string().trim().min(1, 'a rule needs a name').max(80, 'a rule name is longer than 80 characters'),
    /** All must hold; none means the rule catches every post. */
    conditions: z.array(conditionSchema).max(20, 'at most 20 conditions per rule'),
    actions: z.array(actionSchema).min(1, 'a rule needs at least one action').max(10, 'at most 10 actions per rule'),
    /** When this rule matches, later rules are not looked at. */
    stop: z.boolean(),
  })
  // Two "assign" (or two "priority") actions in one rule would leave which one counts to a rule of
  // ours the team cannot see in the form.
  .superRefine((rule, context) => {
    const repeated = firstRepeat(rule.actions.map((action) => action.kind));
    if (repeated) context.addIssue({ code: 'custom', path: ['actions'], message: `a rule can have one "${repeated}" action only` });
  });
export type RoutingRule = z.infer<typeof routingRuleSchema>;

export const routingRulesSchema = z
  .array(routingRuleSchema)
  .max(100, 'at most 100 routing rules per handle')
  .superRefine((rules, context) => {
    const repeated = firstRepeat(rules.map((rule) => rule.id));
    if (repeated) context.addIssue({ code: 'custom', message: `two rules have the id "${repeated}"` });
  });

// ---------------------------------------------------------------------------------------------
// Facts about a post, and matching

/** What the rules look at. Null means unknown, and a condition on an unknown fact does not hold. */
export interface RoutingFacts {
  text: string;
  lang: string | null;
  followers: number | null;
  verified: boolean | null;
  /** The customer's labels (VIP, press …). */
  labels: string[];
  sentiment: Sentiment | null;
  /** 0..100. */
  priorityScore: number | null;
}

export interface RoutingExtraFacts {
  labels: string[];
  sentiment: Sentiment | null;
  priorityScore: number | null;
}

export function routingFactsOf(post: PostView, extra: RoutingExtraFacts): RoutingFacts {
  return {
    text: post.text,
    lang: post.lang,
    followers: post.author.followersCount,
    verified: post.author.verified,
    labels: extra.labels,
    sentiment: extra.sentiment,
    priorityScore: extra.priorityScore,
  };
}

// Scripts written without spaces between words (Chinese, Japanese, Thai, Lao, Khmer, Burmese) have
// no word boundary one can tell without a dictionary, and Korean glues particles onto words
// ("환불이"). So a keyword that starts or ends in one of them matches at any position on that side,
// and their letters do not count as word characters next to a keyword ("iPhoneが" matches "iphone").
const UNSPACED_LETTER = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Hangul}\\p{Script=Thai}\\p{Script=Lao}\\p{Script=Khmer}\\p{Script=Myanmar}';
const WORD_CHARACTER = `(?:(?![${UNSPACED_LETTER}])[\\p{L}\\p{N}_])`;
const unspacedLetter = new RegExp(`[${UNSPACED_LETTER}]`, 'u');

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Whole words or phrases on folded text (case and accents ignored). "#" and "@" belong to the
 * keyword: "refund" matches "#Refund", "#refund" does not match a plain "refund", and "@acme" does
 * not match "@acme_help". Spaces in a phrase match any run of white space.
 */
function keywordPattern(keywords: readonly string[]): RegExp {
  const alternatives = keywords
    .map((keyword) => foldText(keyword.trim()))
    .filter((keyword) => keyword !== '')
    .map((keyword) => {
      const body = keyword.split(/\s+/u).map(escapeRegExp).join('\\s+');
      const characters = [...keyword];
      const before = unspacedLetter.test(characters[0] ?? '') ? '' : `(?<!${WORD_CHARACTER})`;
      const after = unspacedLetter.test(characters.at(-1) ?? '') ? '' : `(?!${WORD_CHARACTER})`;
      return `${before}${body}${after}`;
    });
  // An empty list (only possible when rules skipped the schema) matches nothing.
  return new RegExp(alternatives.length > 0 ? alternatives.join('|') : '(?!)', 'u');
}

// Parsed rules keep their arrays, so each keyword list is compiled once, not once per post.
const compiledKeywords = new WeakMap<readonly string[], RegExp>();

function keywordsMatch(keywords: readonly string[], foldedText: string): boolean {
  let pattern = compiledKeywords.get(keywords);
  if (!pattern) {
    pattern = keywordPattern(keywords);
    compiledKeywords.set(keywords, pattern);
  }
  return pattern.test(foldedText);
}

/** "en" of "en-GB"; null for none or X's "und" (undetermined). */
function primaryLanguage(code: string | null): string | null {
  const primary = code?.trim().split(/[-_]/)[0]?.toLowerCase() ?? '';
  return primary === '' || primary === 'und' ? null : primary;
}

const labelKey = (name: string) => name.trim().toLowerCase();

function holds(condition: Condition, facts: RoutingFacts, foldedText: string): boolean {
  switch (condition.kind) {
    case 'keywords':
      return keywordsMatch(condition.anyOf, foldedText);
    case 'language': {
      const language = primaryLanguage(facts.lang);
      return language !== null && condition.anyOf.some((code) => primaryLanguage(code) === language);
    }
    case 'followers': {
      const { followers } = facts;
      if (followers === null) return false;
      return (condition.atLeast === undefined || followers >= condition.atLeast) && (condition.below === undefined || followers < condition.below);
    }
    case 'verified':
      return facts.verified === condition.is;
    case 'label': {
      const held = new Set(facts.labels.map(labelKey));
      return condition.anyOf.some((name) => held.has(labelKey(name)));
    }
    case 'sentiment':
      return facts.sentiment !== null && condition.anyOf.includes(facts.sentiment);
    case 'priority':
      return facts.priorityScore !== null && facts.priorityScore >= condition.atLeast;
  }
}

/** Whether every condition of the rule holds for these facts (a rule without conditions always does). */
export function ruleMatches(rule: RoutingRule, facts: RoutingFacts): boolean {
  const foldedText = foldText(facts.text);
  return rule.conditions.every((condition) => holds(condition, facts, foldedText));
}

export interface RoutingDecision {
  /** From the first matching rule that assigns: the earliest rule is the team's strongest claim. */
  assignTo: AssignTarget | null;
  /**
   * From the last matching rule that sets one: rules read top to bottom, so a later, narrower rule
   * ("VIP → urgent") refines an earlier general one ("complaints → high"). A rule with `stop` keeps
   * its priority by ending the run.
   */
  priority: CasePriority | null;
  /** Every matching rule's tags, in rule order, each once. */
  tags: string[];
  doNotEngage: boolean;
  matchedRuleIds: string[];
}

/** Runs the rules in order over one post's facts, stopping after a matching rule with `stop`. */
export function routePost(rules: readonly RoutingRule[], facts: RoutingFacts): RoutingDecision {
  const decision: RoutingDecision = { assignTo: null, priority: null, tags: [], doNotEngage: false, matchedRuleIds: [] };
  const foldedText = foldText(facts.text);
  for (const rule of rules) {
    if (!rule.conditions.every((condition) => holds(condition, facts, foldedText))) continue;
    decision.matchedRuleIds.push(rule.id);
    for (const action of rule.actions) {
      if (action.kind === 'assign') decision.assignTo ??= action.to;
      else if (action.kind === 'priority') decision.priority = action.set;
      else if (action.kind === 'tag') decision.tags.push(...action.tags);
      else decision.doNotEngage = true;
    }
    if (rule.stop) break;
  }
  decision.tags = [...new Set(decision.tags)];
  return decision;
}

// ---------------------------------------------------------------------------------------------
// Descriptions for the Team settings form

/** Turns ids into the names the team knows; an id without a name is shown as it is. */
export interface RoutingNames {
  member?: (memberId: string) => string | null | undefined;
  role?: (roleId: string) => string | null | undefined;
}

const count = new Intl.NumberFormat('en-US');

export function describeCondition(condition: Condition): string {
  switch (condition.kind) {
    case 'keywords':
      return `Keywords: ${condition.anyOf.join(', ')}`;
    case 'language':
      return `Language: ${condition.anyOf.join(', ')}`;
    case 'followers': {
      const { atLeast, below } = condition;
      if (atLeast !== undefined && below !== undefined) return `Followers: at least ${count.format(atLeast)} and below ${count.format(below)}`;
      return atLeast !== undefined ? `Followers: at least ${count.format(atLeast)}` : `Followers: below ${count.format(below ?? 0)}`;
    }
    case 'verified':
      return condition.is ? 'Author is verified' : 'Author is not verified';
    case 'label':
      return `Customer label: ${condition.anyOf.join(', ')}`;
    case 'sentiment':
      return `Sentiment: ${condition.anyOf.join(', ')}`;
    case 'priority':
      return `Priority score at least ${condition.atLeast}`;
  }
}

export function describeAction(action: Action, names: RoutingNames = {}): string {
  switch (action.kind) {
    case 'assign':
      return 'memberId' in action.to
        ? `Assign to ${names.member?.(action.to.memberId) ?? action.to.memberId}`
        : `Assign to role ${names.role?.(action.to.roleId) ?? action.to.roleId}`;
    case 'priority':
      return `Set priority to ${action.set}`;
    case 'tag':
      return `Tag: ${action.tags.join(', ')}`;
    case 'doNotEngage':
      return 'Do not engage';
  }
}
