// A post's length as X counts it: twitter-text's weighted length with its default (v3) config.
// Every URL counts 23 whatever its length, CJK and most other scripts outside Latin count 2, an
// emoji counts 2 however many code points it is made of (ZWJ families, skin tones, flags), and
// the text is NFC-normalised first. X refuses a plain account's post above 280.
import twitterText from 'twitter-text';
import { z } from 'zod';

/** X's ceiling for a plain account's post, in weighted characters. */
export const MAX_POST_WEIGHT = 280;

export interface PostLength {
  /** The length as X counts it. */
  weightedLength: number;
  /** MAX_POST_WEIGHT minus the weighted length: negative when over the limit. */
  remaining: number;
  valid: boolean;
  /** Why X would refuse the text, in words for the person typing it; null when valid. */
  reason: string | null;
}

/** The weighted length of the text exactly as given (no trimming). */
export function weightedLength(text: string): number {
  return twitterText.parseTweet(text).weightedLength;
}

/**
 * Measures the text the way it will be sent: trimmed first, as `postTextSchema` trims it.
 * `label` names the text in the reason ("Reply text is 300 characters as X counts them; ...").
 */
export function measurePost(text: string, label = 'Post text'): PostLength {
  const trimmed = text.trim();
  const length = weightedLength(trimmed);
  const remaining = MAX_POST_WEIGHT - length;
  const reason =
    trimmed === ''
      ? `${label} cannot be empty`
      : remaining < 0
        ? `${label} is ${length} characters as X counts them; the limit is ${MAX_POST_WEIGHT}`
        : twitterText.hasInvalidCharacters(trimmed)
          ? `${label} contains a character X does not accept (${refusedCharacter(trimmed)})`
          : null;
  return { weightedLength: length, remaining, valid: reason === null, reason };
}

/** The first character twitter-text refuses (U+FFFE, U+FEFF, U+FFFF), named by its code. */
function refusedCharacter(text: string): string {
  const found = /[\uFFFE\uFEFF\uFFFF]/.exec(text)?.[0] ?? '';
  return `U+${found.charCodeAt(0).toString(16).toUpperCase()}`;
}

/** A post's text for X: trimmed, not empty, at most MAX_POST_WEIGHT as X counts, no refused characters. */
export function postTextSchema(label: string) {
  return z
    .string()
    .trim()
    .superRefine((text, context) => {
      const { reason } = measurePost(text, label);
      if (reason !== null) context.addIssue({ code: 'custom', message: reason });
    });
}

export const postText = postTextSchema('Post text');
