import { describe, expect, it } from 'vitest';
import { planRules, X_RULE_LIMITS } from '../../src/main/core/feeds/stream-rules';

describe('planning filtered-stream rules', () => {
  it('adds missing queries, keeps existing ones, deletes ours that no column wants and leaves other tools alone', () => {
    const plan = planRules(
      [
        { id: '1', value: 'delay', ours: true },
        { id: '2', value: 'old query', ours: true },
        { id: '3', value: 'someone else', ours: false },
      ],
      [
        { value: 'delay', columnId: 'a' },
        { value: 'refund', columnId: 'b' },
      ],
      X_RULE_LIMITS,
    );
    expect(plan.add).toEqual([{ value: 'refund', columnId: 'b' }]);
    expect(plan.remove).toEqual(['2']);
    expect(plan.problems.size).toBe(0);
  });

  it('shares one rule between columns with the same query (X refuses duplicates) and drops duplicate rules', () => {
    const plan = planRules(
      [
        { id: '1', value: 'delay', ours: true },
        { id: '2', value: 'delay', ours: true },
      ],
      [
        { value: 'delay', columnId: 'a' },
        { value: 'delay', columnId: 'b' },
      ],
      X_RULE_LIMITS,
    );
    expect(plan.add).toEqual([]);
    expect(plan.remove).toEqual(['2']);
  });

  it("says which queries do not fit X's rule count (counting other tools' rules) and which are too long", () => {
    const wanted = Array.from({ length: 5 }, (_, i) => ({ value: `q${i}`, columnId: `c${i}` }));
    wanted.push({ value: 'x'.repeat(1_025), columnId: 'long' });
    const plan = planRules([{ id: '9', value: 'theirs', ours: false }], wanted, { maxRules: 4, maxLength: 1_024 });
    expect(plan.add.map((r) => r.value)).toEqual(['q0', 'q1', 'q2']);
    expect(plan.problems.get('q3')).toEqual({ kind: 'limit', message: 'X allows at most 4 stream rules per app (1 used by other tools); this query did not fit' });
    expect(plan.problems.get('q4')?.kind).toBe('limit');
    expect(plan.problems.get('x'.repeat(1_025))).toEqual({ kind: 'limit', message: "The query is 1,025 characters; X's stream rules allow at most 1,024" });
  });
});
