// Tone and priority of what customers write, computed once, as it is stored: columns sort and
// filter on it and cards explain it without running the language model again.
import type { Author, PostAssessment } from '../../../shared/domain';
import { assessPost } from '../../../shared/sentiment';
import { labelsOf } from '../store/customer-labels';
import type { Database } from '../store/database';
import { statement } from '../store/statements';

/** What the priority reads of the author (their reach); null when the author is not known. */
export type AuthorReach = Pick<Author, 'followersCount' | 'verified'> | null;

/**
 * A customer's post or DM assessed, with the labels the customer carries when it arrives (a VIP,
 * the press); a DM carries no language from X, so the tone model's own check of the script decides.
 */
export function assessMessage(text: string, lang: string | null, author: AuthorReach, labels: string[] = []): PostAssessment {
  return assessPost({ text, lang, followers: author?.followersCount ?? null, verified: author?.verified ?? null, labels });
}

/** The brand handles' ids: what they write is the team's own voice, not a customer to rank. */
export function brandHandleIds(db: Database): ReadonlySet<string> {
  const rows = statement(db, 'SELECT id FROM accounts').all() as { id: string }[];
  return new Set(rows.map((row) => String(row.id)));
}

/** Assesses what customers write; a brand handle's own messages get none. */
export function messageAssessor(db: Database, authors: ReadonlyMap<string, Author>): (message: { authorId: string; text: string; lang: string | null }) => PostAssessment | null {
  const brands = brandHandleIds(db);
  return ({ authorId, text, lang }) => (brands.has(authorId) ? null : assessMessage(text, lang, authors.get(authorId) ?? null, labelsOf(db, authorId)));
}
