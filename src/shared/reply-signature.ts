// "Sign replies": the replying agent's initials after a reply's text (" ^AB"), so customers and
// colleagues see who answered for the brand. Added by the core to the text X receives; the
// composer shows it and counts it against X's limit.
import { z } from 'zod';

/**
 * An agent's initials: the first letters of the first and last word of their name, uppercase,
 * letters only ("Ana María de la Cruz" → "AC", "Bob" → "B"); empty when the name has no letter.
 */
export function initialsOf(name: string): string {
  const words = name
    .split(/\s+/)
    .map((word) => word.replace(/[^\p{L}]/gu, ''))
    .filter((word) => word !== '');
  const first = words[0];
  const last = words.length > 1 ? words.at(-1) : undefined;
  return [first, last].map((word) => (word ? [...word][0]!.toUpperCase() : '')).join('');
}

/** The signature for an agent's name ("^AB"); null when the name gives no initials. */
export function signatureOf(name: string): string | null {
  const initials = initialsOf(name);
  return initials === '' ? null : `^${initials}`;
}

/** The reply as sent: trimmed, then the signature after a space (unchanged without one). */
export function signedText(text: string, signature: string | null): string {
  const trimmed = text.trim();
  return signature ? `${trimmed} ${signature}` : trimmed;
}

/** A solo handle's own choice (a team handle's is the team's case settings). */
export const accountReplySettingsSchema = z.strictObject({
  signReplies: z.boolean().default(false),
  /** The name the agent signs with: their initials come from it. */
  signerName: z.string().trim().max(80, 'Your name is at most 80 characters').default(''),
});
export type AccountReplySettings = z.output<typeof accountReplySettingsSchema>;

/** A brand handle's id: an X user id, or a team handle's id at the hub. */
const handleId = z.string().min(1).max(100);

export const getReplySettingsInput = z.strictObject({ accountId: handleId });

export const saveReplySettingsInput = z
  .strictObject({ accountId: handleId, signReplies: z.boolean(), signerName: z.string().trim().max(80, 'Your name is at most 80 characters') })
  .refine((input) => !input.signReplies || signatureOf(input.signerName) !== null, { message: 'Enter your name to sign replies with its initials', path: ['signerName'] });

/** How replies from a handle go out, for the composer. */
export interface ReplySettings {
  /** Whether replies are signed, and who decides: the team's case settings, or this desktop. */
  signReplies: boolean;
  setBy: 'team' | 'account';
  /** The name the signature comes from (the team member's display name, or the agent's own). */
  signerName: string;
  /** What is added after the text (" ^AB" without its space); null when replies are not signed. */
  signature: string | null;
  /** Whether X's reply rule binds this app's replies (src/shared/reply-rule.ts). */
  replyRule: boolean;
}
