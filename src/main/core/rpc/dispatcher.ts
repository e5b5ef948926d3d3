// The main side of the contract: known method → valid input → the caller holds the command's
// permission on the resource it acts on → handler, always answering an envelope.
import type { z } from 'zod';
import { commands, isCommandName, type CommandName, type CommandResult, type ParsedInput } from '../../../shared/contract';
import type { Resource } from '../../../shared/domain';
import { DeckhandError, type Envelope } from '../../../shared/errors';
import type { Logger } from '../ports';
import type { Caller, Scope } from './caller';

export type CommandHandlers = {
  [K in CommandName]: (input: ParsedInput<K>, caller: Caller) => Promise<CommandResult<K>> | CommandResult<K>;
};

export type Dispatch = (method: unknown, input: unknown, caller: Caller) => Promise<Envelope<unknown>>;

/** Where a resource lives for permission checks: a column is its handle's; null when it does not exist. */
export type ScopeOf = (resource: Resource) => Scope | null;

function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .slice(0, 5)
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}

const fail = (code: DeckhandError['code'], message: string): Envelope<never> => ({ ok: false, error: { code, message } });

function describeResource(resource: Resource): string {
  switch (resource.kind) {
    case 'workspace':
      return 'this workspace';
    case 'handle':
      return 'this brand handle';
    case 'column':
      return "this column's brand handle";
  }
}

export function createDispatcher(handlers: CommandHandlers, logger: Logger, scopeOf: ScopeOf): Dispatch {
  return async (method, input, caller) => {
    if (!isCommandName(method)) return fail('unknown_method', `Unknown command: ${typeof method === 'string' ? method.slice(0, 64) : typeof method}`);
    const spec = commands[method];
    const parsed = spec.input.safeParse(input);
    if (!parsed.success) return fail('invalid_input', `Invalid input for ${method}: ${describeIssues(parsed.error.issues)}`);
    const resource = (spec.resource as (input: unknown) => Resource)(parsed.data);
    const scope = scopeOf(resource);
    if (!scope) return fail('not_found', resource.kind === 'column' ? 'That column does not exist' : 'That account is not connected to this workspace');
    if (!caller.can(spec.permission, scope)) {
      return fail('forbidden', `You do not have the "${spec.permission}" permission on ${describeResource(resource)}, which ${method} needs`);
    }
    try {
      const handler = handlers[method] as (input: unknown, caller: Caller) => unknown;
      return { ok: true, value: (await handler(parsed.data, caller)) ?? null };
    } catch (error) {
      if (error instanceof DeckhandError) return fail(error.code, error.message);
      logger.error('command failed', { method, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
      return fail('internal', `${method} failed unexpectedly; the details are in the log`);
    }
  };
}
