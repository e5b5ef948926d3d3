// The query language: parse (with X's refusals) and match.
import type { SandboxPost } from '../state/posts';
import type { UserStore } from '../state/users';
import { parseQuery } from './parser';
import { compileQuery } from './matcher';
import { targetOf } from './target';

export { QueryError } from './ast';
export { parseQuery } from './parser';

export type PostPredicate = (post: SandboxPost) => boolean;

/** Compiles a query into a predicate over posts; throws QueryError when X would refuse it. */
export function compilePostQuery(query: string, users: UserStore): PostPredicate {
  const match = compileQuery(parseQuery(query));
  return (post) => match(targetOf(post, users));
}
