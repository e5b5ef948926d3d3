// Which filtered-stream rules to add and delete so the app's Deckhand rules are exactly the
// columns' distinct queries, within X's limits (rule count per app, rule length). Pure.

export interface WantedRule {
  value: string;
  /** The first column (in deck order) with this query: its id tags the rule. */
  columnId: string;
}

export interface ExistingRule {
  id: string;
  value: string;
  /** Tagged by Deckhand; rules of other tools are left alone (but count against the limit). */
  ours: boolean;
}

export interface RuleProblem {
  /** `limit`: did not fit X's limits (the column can be polled instead); `refused`: X said no. */
  kind: 'limit' | 'refused';
  message: string;
}

export interface RulePlan {
  add: WantedRule[];
  /** Rule ids to delete. */
  remove: string[];
  /** By rule value. */
  problems: Map<string, RuleProblem>;
}

export interface RuleLimits {
  maxRules: number;
  maxLength: number;
}

/** X's limits on self-serve access (../shared/x-api/README.md). */
export const X_RULE_LIMITS: RuleLimits = { maxRules: 1_000, maxLength: 1_024 };

const count = (n: number) => n.toLocaleString('en-US');

export function planRules(existing: readonly ExistingRule[], wanted: readonly WantedRule[], limits: RuleLimits): RulePlan {
  const problems = new Map<string, RuleProblem>();
  const distinct: WantedRule[] = [];
  const seen = new Set<string>();
  for (const rule of wanted) {
    if (seen.has(rule.value)) continue;
    seen.add(rule.value);
    const length = Array.from(rule.value).length;
    if (length > limits.maxLength) {
      problems.set(rule.value, { kind: 'limit', message: `The query is ${count(length)} characters; X's stream rules allow at most ${count(limits.maxLength)}` });
    } else {
      distinct.push(rule);
    }
  }
  const foreign = existing.filter((r) => !r.ours).length;
  const room = Math.max(0, limits.maxRules - foreign);
  const fitting = distinct.slice(0, room);
  for (const rule of distinct.slice(room)) {
    problems.set(rule.value, {
      kind: 'limit',
      message: `X allows at most ${count(limits.maxRules)} stream rules per app${foreign > 0 ? ` (${count(foreign)} used by other tools)` : ''}; this query did not fit`,
    });
  }
  const fittingValues = new Set(fitting.map((r) => r.value));
  const ours = existing.filter((r) => r.ours);
  const kept = new Set<string>();
  const remove: string[] = [];
  for (const rule of ours) {
    if (fittingValues.has(rule.value) && !kept.has(rule.value)) kept.add(rule.value);
    else remove.push(rule.id);
  }
  return { add: fitting.filter((r) => !kept.has(r.value)), remove, problems };
}
