// What both stores keep of a case as JSON text: its (or a handle's) tags (any list of strings), its SLA pauses, its details.
import { CASE_PRIORITIES, type AssignmentView, type CasePriority } from './hub-protocol';

const isPriority = (value: unknown): value is CasePriority => CASE_PRIORITIES.some((priority) => priority === value);

/** Parsed JSON text, or undefined when it does not parse (a hand-edited row). */
function parsed(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The strings of a list (tags, message ids); anything else reads as none. */
const stringsOf = (value: unknown): string[] => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []);

/** The strings in a stored JSON array (tags, message ids); anything else (a hand-edited row) reads as none. */
export function stringsFromJson(text: string): string[] {
  return stringsOf(parsed(text));
}

/** A case's SLA pauses; malformed spans are dropped. */
function pausesOf(value: unknown): { from: number; to: number | null }[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((span: unknown) => {
    if (!span || typeof span !== 'object' || !('from' in span) || typeof span.from !== 'number') return [];
    const to = 'to' in span && typeof span.to === 'number' ? span.to : null;
    return [{ from: span.from, to }];
  });
}

/** A case's SLA pauses in a stored JSON array; malformed spans are dropped. */
export function pausesFromJson(text: string): { from: number; to: number | null }[] {
  return pausesOf(parsed(text));
}

/** What a case keeps beyond owner, status and tags, from its stored JSON; what is missing or malformed reads as a fresh case's. */
export function caseDetailFromJson(text: string): Partial<Pick<AssignmentView, 'customerId' | 'priority' | 'snoozedUntil' | 'waitingSince' | 'answered' | 'pauses' | 'doNotEngage' | 'messageIds'>> {
  const value = parsed(text);
  if (!value || typeof value !== 'object') return {};
  const record: Partial<Record<string, unknown>> = { ...value };
  const numberOrNull = (field: unknown) => (typeof field === 'number' ? field : null);
  return {
    customerId: typeof record.customerId === 'string' ? record.customerId : null,
    priority: isPriority(record.priority) ? record.priority : 'normal',
    snoozedUntil: numberOrNull(record.snoozedUntil),
    waitingSince: numberOrNull(record.waitingSince),
    answered: record.answered === true,
    pauses: pausesOf(record.pauses),
    doNotEngage: record.doNotEngage === true,
    messageIds: stringsOf(record.messageIds),
  };
}
