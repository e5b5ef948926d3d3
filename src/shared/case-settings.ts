// A team handle's case settings, set by those who may manage its deck and kept by the hub: its SLA
// (null: none), auto-assignment, routing rules, the accounts the team never engages with, and whether
// replies are signed with the member's initials.
import { z } from 'zod';
import { autoAssignSettingsSchema, DEFAULT_AUTO_ASSIGN_SETTINGS } from './auto-assign';
import { routingRulesSchema } from './routing-rules';
import { slaPolicySchema } from './sla';

export const doNotEngageEntrySchema = z.strictObject({
  userId: z.string().regex(/^[0-9]{1,20}$/, 'must be an X user id'),
  username: z.string().trim().min(1).max(50),
});
export type DoNotEngageEntry = z.output<typeof doNotEngageEntrySchema>;

export const caseSettingsSchema = z.strictObject({
  sla: slaPolicySchema.nullable().default(null),
  autoAssign: autoAssignSettingsSchema,
  routing: routingRulesSchema.default([]),
  doNotEngage: z.array(doNotEngageEntrySchema).max(5_000, 'at most 5,000 accounts on the do-not-engage list').default([]),
  /** Replies from the handle end with the member's initials (" ^AB"); settings stored before it have it off. */
  signReplies: z.boolean().default(false),
});
export type CaseSettings = z.output<typeof caseSettingsSchema>;

export const DEFAULT_CASE_SETTINGS: CaseSettings = { sla: null, autoAssign: { ...DEFAULT_AUTO_ASSIGN_SETTINGS }, routing: [], doNotEngage: [], signReplies: false };

/** The settings a store keeps as JSON text; what does not read (a row from an older version, hand-edited) counts as the defaults. */
export function caseSettingsFromJson(text: string): CaseSettings {
  try {
    const parsed = caseSettingsSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : DEFAULT_CASE_SETTINGS;
  } catch {
    return DEFAULT_CASE_SETTINGS;
  }
}
