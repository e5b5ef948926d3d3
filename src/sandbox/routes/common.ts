// Helpers the route modules share.
import type { SandboxContext } from '../context';
import { problems, resourceNotFound, type ProblemBody } from '../http/problems';
import type { Caller, SandboxRequest } from '../http/types';
import type { SandboxPost } from '../state/posts';
import type { SandboxUser } from '../state/users';
import { selectionOf, type FieldSelection } from '../wire/fields';

/** The request body as JSON; X's 400 when it is not JSON. */
export function bodyJson(request: SandboxRequest): unknown {
  const raw = request.body.toString('utf8');
  try {
    return raw === '' ? undefined : (JSON.parse(raw) as unknown);
  } catch (error) {
    throw problems.invalidRequest([{ parameters: {}, message: `Request body is not valid JSON: ${error instanceof Error ? error.message : String(error)}` }]);
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function fields(request: SandboxRequest): FieldSelection {
  return selectionOf(request.query);
}

/** Whether the caller may see the post (not deleted; protected authors only to themselves). */
export function canSee(post: SandboxPost, caller: Caller, context: SandboxContext): boolean {
  if (post.deleted) return false;
  const author = context.users.get(post.authorId);
  return !author?.protected || (caller.kind === 'user' && caller.user.id === author.id);
}

/** The user named by the path's `:id`, or X's 200-with-errors answer. */
export function userOf(request: SandboxRequest, context: SandboxContext, parameter = 'id'): SandboxUser | ProblemBody {
  const id = BigInt(request.params[parameter]!).toString();
  return context.users.get(id) ?? resourceNotFound('user', parameter, id);
}

export function isProblem(value: unknown): value is ProblemBody {
  return isRecord(value) && typeof value.type === 'string' && typeof value.title === 'string';
}

/** The calling user; the gate lets only user tokens reach operations that need one. */
export function callingUser(request: SandboxRequest): SandboxUser {
  if (request.caller.kind !== 'user') throw problems.unauthorized();
  return request.caller.user;
}
