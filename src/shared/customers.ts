// Customers: the X users a team's handles hear from, with the labels the team gives them (VIP,
// press, lead, partner, or its own). Labels are the team's, across handles; routing rules, filters
// and the Customers view read them.
import { z } from 'zod';
import type { Author } from './domain';

export const CUSTOMER_LABEL_PRESETS = ['VIP', 'press', 'lead', 'partner'] as const;

export const customerLabelSchema = z.string().trim().min(1, 'A label cannot be empty').max(30, 'A label is at most 30 characters');

export const CUSTOMER_NOTE_MAX_LENGTH = 2_000;

/** A customer note as typed: trimmed, not empty, at most 2,000 characters. */
export const customerNoteTextSchema = z
  .string()
  .trim()
  .min(1, 'A customer note cannot be empty')
  .max(CUSTOMER_NOTE_MAX_LENGTH, 'A customer note is at most 2,000 characters');

/**
 * What someone wrote about a customer (never sent to X): on a team handle the team's, kept at the
 * hub and sent to every member who may view that handle; this desktop's own otherwise.
 */
export interface CustomerNote {
  id: string;
  customerId: string;
  /** The handle it was written through (who may read it follows from there). */
  handleId: string;
  /** The team member who wrote it; null: the agent of this desktop, alone. */
  authorId: string | null;
  text: string;
  /** Epoch ms. */
  at: number;
}

/** One customer in the Customers view. */
export interface CustomerSummary {
  author: Author;
  labels: string[];
  /** Their posts and DMs with the handle this desktop holds. */
  posts: number;
  dms: number;
  /** How many customer notes this desktop holds about them. */
  notes: number;
}

/** The labels the "Add label" menu offers: the presets, then the team's own, each once (by case). */
export function labelChoices(inUse: readonly string[]): string[] {
  const seen = new Set<string>();
  const choices: string[] = [];
  for (const label of [...CUSTOMER_LABEL_PRESETS, ...inUse]) {
    const key = label.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    choices.push(label);
  }
  return choices;
}
