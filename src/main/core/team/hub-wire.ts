// What the desktop reads from a hub, checked: the hub is another machine, so its answers are input
// like any other. Also the two HTTP calls (claim, join) and the invite link's parsing.
import type { OutboxItemView } from '../../../shared/outbox';
import { caseSettingsSchema } from '../../../shared/case-settings';
import { savedRepliesFrom } from '../../../shared/saved-replies';
import { z } from 'zod';
import { ALL_PERMISSIONS } from '../../../shared/domain';
import { DeckhandError, type ErrorCode } from '../../../shared/errors';
import { logEntrySchema } from './replica-wire';
import { reportSchema } from '../../../shared/reports';
import { HUB_CLAIM_PATH, HUB_JOIN_PATH, HUB_SYNC_PATH, type ClaimRequest, type JoinRequest, type MemberCredentialGrant, type RefusalCode } from '../../../shared/hub-protocol';

const refusalCode = z.enum(['forbidden', 'conflict', 'not_found', 'invalid_input', 'unknown_intent']);
const presenceStatus = z.enum(['online', 'away', 'offline']);
const viewing = z.object({ handleId: z.string().max(100), postId: z.string().max(40), typing: z.boolean().optional() }).nullable();

const mutationResult = z.discriminatedUnion('outcome', [
  z.object({ id: z.number(), outcome: z.literal('applied'), result: z.unknown(), replayed: z.boolean() }),
  z.object({ id: z.number(), outcome: z.literal('refused'), code: refusalCode, reason: z.string(), replayed: z.boolean() }),
  z.object({ id: z.number(), outcome: z.literal('error'), reason: z.string() }),
]);
export type WireMutationResult = z.infer<typeof mutationResult>;

/** The hub messages this desktop acts on; entries and snapshots are checked again by the replica. */
export const hubMessageSchema = z.union([
  z.object({ type: z.literal('welcome'), memberId: z.string(), head: z.number() }),
  z.object({ type: z.literal('pushResult'), clientId: z.string(), results: z.array(mutationResult) }),
  z.object({ type: z.literal('pullResult'), cursor: z.number().int().min(0), more: z.boolean(), entries: z.array(logEntrySchema) }),
  z.object({ type: z.literal('snapshot'), cursor: z.number().int().min(0), snapshot: z.unknown() }),
  z.object({ type: z.literal('readResult'), requestId: z.number(), ok: z.literal(true), value: z.unknown() }),
  z.object({ type: z.literal('readResult'), requestId: z.number(), ok: z.literal(false), code: refusalCode, message: z.string() }),
  z.object({
    type: z.literal('poke'),
    space: z.string(),
    version: z.number(),
    /** What follows `from`, up to `cursor`: a desktop at `from` applies it without pulling. */
    entries: z.array(logEntrySchema).max(500).optional(),
    from: z.number().int().min(0).optional(),
    cursor: z.number().int().min(0).optional(),
  }),
  z.object({ type: z.literal('presence'), memberId: z.string(), status: presenceStatus, viewing }),
  z.object({ type: z.literal('error'), code: z.string(), message: z.string() }),
]);
export type WireHubMessage = z.infer<typeof hubMessageSchema>;

// Settings this desktop cannot read (a newer hub's) count as none rather than losing the team.
const caseSettings = caseSettingsSchema.optional().catch(undefined);
// Saved replies this desktop cannot read count as none, for the same reason.
const savedReplies = z.unknown().optional().transform((stored) => savedRepliesFrom(stored ?? []));
const handleView = z.object({ id: z.string(), username: z.string(), tags: z.array(z.string().max(30)).max(50).optional(), tagRequiredOnResolve: z.boolean().optional(), caseSettings, savedReplies });
export const teamViewSchema = z.object({ name: z.string(), handles: z.array(handleView) }).nullable();
export const membersSchema = z.array(
  z.object({ id: z.string(), displayName: z.string(), initials: z.string(), teamRole: z.string().nullable(), handleRoles: z.record(z.string(), z.string()), createdAt: z.number() }),
);
export const rolesSchema = z.array(z.object({ id: z.string(), name: z.string(), permissions: z.array(z.enum(ALL_PERMISSIONS)), preset: z.boolean() }));
export const invitesSchema = z.array(
  z.object({
    id: z.string(),
    teamRole: z.string().nullable(),
    handleRoles: z.record(z.string(), z.string()),
    createdBy: z.string(),
    createdAt: z.number(),
    expiresAt: z.number(),
    usedBy: z.string().nullable(),
    revoked: z.boolean(),
  }),
);
export const caseTimelineSchema = z.array(
  z.object({ at: z.number(), kind: z.enum(['message', 'reply', 'note', 'change']), actor: z.string().max(200), text: z.string().max(10_000) }),
);

export const approvalsSchema = z.array(
  z.object({
    id: z.string().max(100),
    handleId: z.string().max(100),
    // A hub from before new posts' approvals sends replies only.
    kind: z.enum(['reply', 'post']).default('reply'),
    postId: z.string().max(40),
    text: z.string().max(10_000),
    finalText: z.string().max(10_000).nullable(),
    authorId: z.string().max(100),
    status: z.enum(['waiting', 'approved', 'rejected']),
    decidedBy: z.string().max(100).nullable(),
    note: z.string().max(1_000).nullable(),
    createdAt: z.number(),
    decidedAt: z.number().nullable(),
    sendAt: z.number().nullable().default(null),
  }),
);
export const submittedSchema = z.object({ approvalId: z.string().max(100) });

/** What the hub sent as a handle over a day: kind and text, priced here. */
export const daySendsSchema = z.array(z.object({ kind: z.enum(['reply', 'dm', 'post']), text: z.string().max(10_000) })).max(20_000);
export type DaySend = z.infer<typeof daySendsSchema>[number];

/** A team handle's new posts in the hub's outbox, as this desktop's Scheduled column shows them. */
export const scheduledPostsSchema = z.array(
  z
    .object({
      id: z.string().max(100),
      handleId: z.string().max(100),
      memberId: z.string().max(100),
      text: z.string().max(10_000),
      status: z.enum(['queued', 'sending', 'sent', 'failed']),
      xPostId: z.string().max(40).nullable(),
      reason: z.string().max(2_000).nullable(),
      sendAt: z.number().nullable(),
      createdAt: z.number(),
      updatedAt: z.number(),
    })
    .transform(
      (item): OutboxItemView => ({
        id: item.id,
        accountId: item.handleId,
        kind: 'post',
        target: null,
        text: item.text,
        sendAt: new Date(item.sendAt ?? item.createdAt).toISOString(),
        status: item.status,
        xId: item.xPostId,
        reason: item.reason,
        createdAt: new Date(item.createdAt).toISOString(),
        updatedAt: new Date(item.updatedAt).toISOString(),
        memberId: item.memberId,
      }),
    ),
);
export const queuedSchema = z.object({ outboxId: z.string().max(100) });

export const auditEntriesSchema = z.array(
  z.object({
    seq: z.number().int(),
    at: z.number(),
    actorId: z.string().max(100),
    actor: z.string().max(200),
    handle: z.string().max(100).nullable(),
    intent: z.string().max(60),
    outcome: z.enum(['applied', 'refused']),
    reason: z.string().max(2_000).nullable(),
    detail: z.string().max(2_000),
  }),
);

/** What the hub's createInvite intent answers (src/hub/intents.ts). */
export const createdInviteSchema = z.object({ inviteId: z.string(), code: z.string(), link: z.string(), expiresAt: z.number() });

const grantSchema = z.object({ memberId: z.string().min(1).max(100), credential: z.string().min(1).max(200) });
const hubErrorSchema = z.object({ code: z.string(), message: z.string() });

const ERROR_OF_REFUSAL: Record<RefusalCode, ErrorCode> = { forbidden: 'forbidden', conflict: 'conflict', not_found: 'not_found', invalid_input: 'invalid_input', unknown_intent: 'upstream' };

/** A hub's answer in the shape expected, or a clear error (the hub is another machine: its answers are input). */
/** A team report: per handle, agent and tag over a range (src/shared/reports.ts). */
export const reportAnswerSchema = reportSchema;

export function parsedAs<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new DeckhandError('upstream', `The hub answered ${what} in a shape this Deckhand does not know; is the hub up to date?`);
  return result.data;
}

export function errorOfRefusal(code: RefusalCode, reason: string): DeckhandError {
  return new DeckhandError(ERROR_OF_REFUSAL[code], reason);
}

export function syncUrlOf(hubUrl: string): string {
  return `${hubUrl.replace(/\/+$/, '').replace(/^http/, 'ws')}${HUB_SYNC_PATH}`;
}

async function postGrant(hubUrl: string, path: string, body: ClaimRequest | JoinRequest): Promise<MemberCredentialGrant> {
  let response: Response;
  try {
    response = await fetch(`${hubUrl.replace(/\/+$/, '')}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(15_000),
    });
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : error instanceof Error ? error.message : String(error);
    throw new DeckhandError('unavailable', `Could not reach the hub at ${hubUrl} (${cause}). Check the address and that the hub is running.`);
  }
  const json: unknown = await response.json().catch(() => null);
  if (response.status === 201) {
    const grant = grantSchema.safeParse(json);
    if (grant.success) return grant.data;
    throw new DeckhandError('upstream', `The server at ${hubUrl} answered, but not as a Deckhand hub does.`);
  }
  const refusal = hubErrorSchema.safeParse(json);
  const message = refusal.success ? refusal.data.message : `The server at ${hubUrl} answered HTTP ${response.status}; is it a Deckhand hub?`;
  const code = refusal.success ? refusalCode.safeParse(refusal.data.code) : null;
  throw code?.success ? errorOfRefusal(code.data, message) : new DeckhandError('upstream', message);
}

export const claimHub = (hubUrl: string, request: ClaimRequest) => postGrant(hubUrl, HUB_CLAIM_PATH, request);
export const joinHub = (hubUrl: string, request: JoinRequest) => postGrant(hubUrl, HUB_JOIN_PATH, request);

/** `deckhand://join?hub=…&code=…` → its hub address and invite code, or a clear error. */
export function parseInviteLink(link: string): { hubUrl: string; code: string } {
  const invalid = () => new DeckhandError('invalid_input', 'That is not a Deckhand invite link: it looks like deckhand://join?hub=…&code=…');
  let url: URL;
  try {
    url = new URL(link.trim());
  } catch {
    throw invalid();
  }
  if (url.protocol !== 'deckhand:' || url.hostname !== 'join') throw invalid();
  const hub = url.searchParams.get('hub');
  const code = url.searchParams.get('code');
  if (!hub || !code) throw invalid();
  let hubUrl: URL;
  try {
    hubUrl = new URL(hub);
  } catch {
    throw invalid();
  }
  if (hubUrl.protocol !== 'http:' && hubUrl.protocol !== 'https:') throw new DeckhandError('invalid_input', 'The invite link names a hub that is not an http(s) address.');
  return { hubUrl: hub.replace(/\/+$/, ''), code };
}
