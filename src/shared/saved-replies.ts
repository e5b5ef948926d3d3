// Saved replies: a handle's answers to what customers ask again and again, with variables filled
// in from the customer, the agent and the case when one is picked in the composer.
//
// Variables are written `{customer.name}`; a fallback follows a bar, `{customer.name|there}`,
// and is used when the value is unknown or empty. The syntax is the one the team types and reads
// in the editor; template engines (Mustache, Handlebars, Liquid) have no such fallback and would
// also accept loops, partials and HTML escaping that a 280-character reply never needs, so the few
// lines that fill it are written here.
import { z } from 'zod';

export const SAVED_REPLY_VARIABLES = ['customer.name', 'customer.username', 'agent.first_name', 'case.id'] as const;
export type SavedReplyVariable = (typeof SAVED_REPLY_VARIABLES)[number];

const isVariable = (name: string): name is SavedReplyVariable => (SAVED_REPLY_VARIABLES as readonly string[]).includes(name);

/** `{name}` or `{name|fallback}`: no braces or bars inside. */
const PLACEHOLDER = /\{([^{}|]*)(?:\|([^{}]*))?\}/g;

/** The variables a template names that Deckhand does not know, in order, once each. */
export function unknownVariables(text: string): string[] {
  const unknown = new Set<string>();
  for (const match of text.matchAll(PLACEHOLDER)) {
    const name = (match[1] ?? '').trim();
    if (!isVariable(name)) unknown.add(name);
  }
  return [...unknown];
}

export const savedReplySchema = z.strictObject({
  id: z.string().trim().min(1).max(40),
  /** What the agent types after `/` to find it. */
  name: z.string().trim().min(1, 'A saved reply needs a name').max(40, 'A saved reply’s name is at most 40 characters'),
  text: z
    .string()
    .trim()
    .min(1, 'A saved reply cannot be empty')
    .max(1_000, 'A saved reply is at most 1,000 characters')
    .superRefine((text, context) => {
      const unknown = unknownVariables(text);
      if (unknown.length > 0) context.addIssue({ code: 'custom', message: `Unknown variable ${unknown.map((name) => `{${name}}`).join(', ')}: use ${SAVED_REPLY_VARIABLES.map((name) => `{${name}}`).join(', ')}` });
    }),
});
export type SavedReply = z.infer<typeof savedReplySchema>;

export const savedRepliesSchema = z
  .array(savedReplySchema)
  .max(200, 'A handle keeps at most 200 saved replies')
  .superRefine((replies, context) => {
    const seen = new Set<string>();
    for (const reply of replies) {
      const key = reply.name.toLowerCase();
      if (seen.has(key)) context.addIssue({ code: 'custom', message: `Two saved replies are named “${reply.name}”` });
      seen.add(key);
    }
  });

/** The saved reply "Move to DM" sends publicly, when the handle has one of that name. */
export const MOVE_TO_DM_REPLY_NAME = 'Move to DM';

export interface SavedReplyValues {
  customer: { name: string; username: string } | null;
  agent: { displayName: string } | null;
  /** The case's opening post id (its number is the last five digits, as cards show it). */
  casePostId: string | null;
}

/** A case's number as cards and saved replies show it: `#` and the last five digits of its post. */
export const caseNumber = (casePostId: string): string => `#${casePostId.slice(-5)}`;

function valueOf(name: SavedReplyVariable, values: SavedReplyValues): string {
  switch (name) {
    case 'customer.name':
      return values.customer?.name ?? '';
    case 'customer.username':
      return values.customer ? `@${values.customer.username}` : '';
    case 'agent.first_name':
      return values.agent?.displayName.trim().split(/\s+/)[0] ?? '';
    case 'case.id':
      return values.casePostId ? caseNumber(values.casePostId) : '';
  }
}

/** The template with each variable filled in (or its fallback, or nothing). */
export function fillSavedReply(text: string, values: SavedReplyValues): string {
  return text.replace(PLACEHOLDER, (whole, rawName: string, fallback: string | undefined) => {
    const name = rawName.trim();
    if (!isVariable(name)) return whole;
    const value = valueOf(name, values).trim();
    return value !== '' ? value : (fallback ?? '').trim();
  });
}

/** The saved replies whose name or text has every word the agent typed after `/`, names first. */
export function matchSavedReplies(replies: readonly SavedReply[], query: string): SavedReply[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const has = (text: string) => words.every((word) => text.toLowerCase().includes(word));
  return [...replies.filter((reply) => has(reply.name)), ...replies.filter((reply) => !has(reply.name) && has(reply.text))];
}

/** Stored saved replies (a desktop preference), or none when unreadable. */
export function savedRepliesFrom(stored: unknown): SavedReply[] {
  const parsed = savedRepliesSchema.safeParse(stored);
  return parsed.success ? parsed.data : [];
}

/** The hub's stored JSON, or none when unreadable. */
export function savedRepliesFromJson(json: string): SavedReply[] {
  try {
    return savedRepliesFrom(JSON.parse(json));
  } catch {
    return [];
  }
}
