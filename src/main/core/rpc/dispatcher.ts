// The main side of the contract: known method → valid input → permitted caller → handler,
// always answering an envelope. Hosts (IPC, WebSocket) only move bytes to and from here.
import type { z } from 'zod';
import { commands, isCommandName, type CommandName, type CommandResult, type ParsedInput } from '../../../shared/contract';
import type { Permission } from '../../../shared/domain';
import { DeckhandError, type Envelope } from '../../../shared/errors';
import type { Logger } from '../ports';

export interface Caller {
  /** Who is asking: the local agent now; a team member once the hub exists. */
  id: string;
  permissions: ReadonlySet<Permission>;
}

export type CommandHandlers = {
  [K in CommandName]: (input: ParsedInput<K>, caller: Caller) => Promise<CommandResult<K>> | CommandResult<K>;
};

export type Dispatch = (method: unknown, input: unknown, caller: Caller) => Promise<Envelope<unknown>>;

function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .slice(0, 5)
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}

const fail = (code: DeckhandError['code'], message: string): Envelope<never> => ({ ok: false, error: { code, message } });

export function createDispatcher(handlers: CommandHandlers, logger: Logger): Dispatch {
  return async (method, input, caller) => {
    if (!isCommandName(method)) return fail('unknown_method', `Unknown command: ${String(method).slice(0, 64)}`);
    const spec = commands[method];
    const parsed = spec.input.safeParse(input);
    if (!parsed.success) return fail('invalid_input', `Invalid input for ${method}: ${describeIssues(parsed.error.issues)}`);
    if (!caller.permissions.has(spec.permission)) {
      return fail('forbidden', `You do not have the "${spec.permission}" permission needed for ${method}`);
    }
    try {
      const handler = handlers[method] as (input: unknown, caller: Caller) => unknown;
      return { ok: true, value: (await handler(parsed.data, caller)) ?? null };
    } catch (error) {
      if (error instanceof DeckhandError) return fail(error.code, error.message);
      logger.error('command failed', { method, error: error instanceof Error ? error.stack ?? error.message : String(error) });
      return fail('internal', `${method} failed unexpectedly; the details are in the log`);
    }
  };
}
