// The app's filtered-stream rules. Adding is all-or-nothing when any rule is invalid (as on X);
// duplicates are refused one by one; at most `maxRules` rules of `maxLength` characters.
import { compilePostQuery, QueryError, type PostPredicate } from '../query/index';
import { PROBLEM_TYPES, type ProblemBody } from '../http/problems';
import type { SandboxPost } from './posts';
import { SnowflakeIds } from './ids';
import type { UserStore } from './users';

export interface StreamRule {
  id: string;
  value: string;
  tag?: string;
  matches: PostPredicate;
}

export interface RuleLimits {
  maxRules: number;
  maxLength: number;
}

export interface AddOutcome {
  created: StreamRule[];
  errors: ProblemBody[];
  summary: { created: number; not_created: number; valid: number; invalid: number };
}

export interface DeleteOutcome {
  errors: ProblemBody[];
  summary: { deleted: number; not_deleted: number };
}

export class RuleStore {
  private readonly rules = new Map<string, StreamRule>();
  private readonly ids = new SnowflakeIds(5);

  constructor(
    private readonly users: UserStore,
    private readonly now: () => number,
  ) {}

  list(): StreamRule[] {
    return [...this.rules.values()];
  }

  get size(): number {
    return this.rules.size;
  }

  /** The rules a post matches, as the stream's `matching_rules`. */
  matching(post: SandboxPost): { id: string; tag?: string }[] {
    const matched: { id: string; tag?: string }[] = [];
    for (const rule of this.rules.values()) {
      if (rule.matches(post)) matched.push(rule.tag !== undefined ? { id: rule.id, tag: rule.tag } : { id: rule.id });
    }
    return matched;
  }

  add(requested: readonly { value: string; tag?: string }[], limits: RuleLimits, dryRun: boolean): AddOutcome {
    const valid: StreamRule[] = [];
    const errors: ProblemBody[] = [];
    let invalid = 0;
    const existing = new Map([...this.rules.values()].map((rule) => [rule.value, rule]));
    const seen = new Set<string>();
    const duplicates: ProblemBody[] = [];
    for (const { value, tag } of requested) {
      const problem = this.check(value, limits.maxLength);
      if (problem) {
        invalid++;
        errors.push({ value, details: [problem], title: 'UnprocessableEntity', type: PROBLEM_TYPES.invalidRules });
        continue;
      }
      const twin = existing.get(value);
      if (twin || seen.has(value)) {
        duplicates.push({ value, id: twin?.id ?? '', title: 'DuplicateRule', type: PROBLEM_TYPES.duplicateRules });
        continue;
      }
      seen.add(value);
      valid.push({ id: this.ids.next(this.now()), value, ...(tag !== undefined ? { tag } : {}), matches: compilePostQuery(value, this.users) });
    }
    const validCount = valid.length + duplicates.length;
    if (invalid > 0) return { created: [], errors, summary: { created: 0, not_created: requested.length, valid: validCount, invalid } };
    if (this.rules.size + valid.length > limits.maxRules) {
      return {
        created: [],
        errors: [{ title: 'RulesCapExceeded', detail: `Rule cap reached: at most ${limits.maxRules} rules are allowed for this app.`, type: PROBLEM_TYPES.ruleCap }],
        summary: { created: 0, not_created: requested.length, valid: validCount, invalid: 0 },
      };
    }
    if (!dryRun) for (const rule of valid) this.rules.set(rule.id, rule);
    return { created: valid, errors: duplicates, summary: { created: valid.length, not_created: duplicates.length, valid: validCount, invalid: 0 } };
  }

  delete(ids: readonly string[], values: readonly string[], dryRun: boolean): DeleteOutcome {
    const doomed = new Set<string>();
    const errors: ProblemBody[] = [];
    let missing = 0;
    for (const id of ids) {
      if (this.rules.has(id)) doomed.add(id);
      else missing++;
    }
    for (const value of values) {
      const rule = [...this.rules.values()].find((candidate) => candidate.value === value);
      if (rule) doomed.add(rule.id);
      else missing++;
    }
    if (missing > 0) {
      errors.push({
        errors: [{ parameters: {}, message: 'Rule does not exist' }],
        title: 'Invalid Request',
        detail: 'One or more parameters to your request was invalid.',
        type: PROBLEM_TYPES.invalidRequest,
      });
    }
    if (!dryRun) for (const id of doomed) this.rules.delete(id);
    return { errors, summary: { deleted: doomed.size, not_deleted: missing } };
  }

  clear(): number {
    const count = this.rules.size;
    this.rules.clear();
    return count;
  }

  private check(value: string, maxLength: number): string | null {
    if (value.length > maxLength) return `Rule length exceeds the maximum allowed rule length of ${maxLength} characters (it is ${value.length} characters long)`;
    try {
      compilePostQuery(value, this.users);
      return null;
    } catch (error) {
      if (error instanceof QueryError) return error.message;
      throw error;
    }
  }
}
