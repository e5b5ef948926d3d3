// What every intent handler gets and answers (the handlers are in intents.ts and case-intents.ts).
import type { IntentArgs, IntentName } from '../shared/hub-intents';
import type { AssignmentView, RefusalCode } from '../shared/hub-protocol';
import type { HubDb } from './db/schema';
import { listHandles, type Audience } from './queries/log';
import type { Access } from './queries/members';

export class Refusal extends Error {
  constructor(
    readonly code: RefusalCode,
    message: string,
  ) {
    super(message);
    this.name = 'Refusal';
  }
}

/** What intents ask of the hub beyond its store. */
export interface HubServices {
  /** X's authorization page for a new brand handle, started by this member; refuses when the hub has no X app. */
  beginHandleConnect(memberId: string): string;
}

export interface IntentContext {
  db: HubDb;
  access: Access;
  now: number;
  hubUrl: string;
  services: HubServices;
}

/** What the hub does once an intent committed: ingest the changed team deck, send a queued reply, drain a handle's queue. */
export type AfterCommit =
  | { kind: 'teamDeckChanged' }
  /** `keepResult`: the member is answered the intent's own result, not the delivery's (an approval's decision). */
  | { kind: 'replyQueued'; outboxId: string; keepResult?: boolean }
  | { kind: 'queueMoved'; handleId: string }
  /** A scheduled post was added or cancelled: the leader's timer is set again. */
  | { kind: 'scheduleChanged' };

export interface IntentOutcome {
  /** What the pushing desktop is answered. */
  result: unknown;
  /** What a replay of the same mutation is answered (secrets shown once left out). */
  recorded?: unknown;
  /** What the log entry carries as the intent's args, when not the args pushed (what the intent decided). */
  logged?: unknown;
  audience: Audience;
  /** A member whose sessions must end now. */
  removedMemberId?: string;
  after?: AfterCommit;
  /** The space the entry goes to, when not the intent's handle (a member's own space). */
  space?: string;
  /** With audience 'case': the case's assignee, who sees the entry without seeing the queue. */
  forMember?: string | null;
  /** Cases as they are now, and who held each before: logged after the intent (desktops replicate cases from these). */
  casesChanged?: { case: AssignmentView; previousAssigneeId: string | null }[];
}

export type Handler<N extends IntentName> = (context: IntentContext, args: IntentArgs<N>) => Promise<IntentOutcome>;

export async function requireHandle(db: HubDb, handleId: string): Promise<string> {
  const handle = (await listHandles(db)).find((candidate) => candidate.id === handleId);
  if (!handle) throw new Refusal('not_found', `The team has no brand handle ${handleId}.`);
  return handle.username;
}
