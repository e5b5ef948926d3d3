// A customer note as the notes list says it: who wrote it and how long ago.
import type { MemberView, RoleView } from '../../../shared/hub-protocol';
import { postTime } from './relative-time';
import { mayOnHandle } from './team-roles';

/**
 * Whether the notes box is offered: on a team handle the hub takes notes from members who may
 * reply there (those who only read see the notes, not the box); on a desktop's own handle, always.
 */
export function mayWriteCustomerNotes(handle: { fromTeam?: boolean } | undefined, handleId: string, me: MemberView | null, roles: readonly RoleView[]): boolean {
  return handle?.fromTeam === true ? mayOnHandle(me, handleId, roles, 'reply') : true;
}

/**
 * "You" for the agent alone at this desktop (no author) or this member; a colleague by name; "A
 * former member" for someone no longer in the team.
 */
export function noteAuthor(authorId: string | null, members: readonly Pick<MemberView, 'id' | 'displayName'>[], myId: string | null): string {
  if (authorId === null || authorId === myId) return 'You';
  return members.find((member) => member.id === authorId)?.displayName ?? 'A former member';
}

/** "5 minutes ago" (a date once it is days old), with the exact time and an ISO stamp for <time>. */
export function noteTime(atMs: number, nowMs: number): { spoken: string; exact: string; iso: string } {
  const iso = new Date(atMs).toISOString();
  const time = postTime(iso, nowMs);
  return { spoken: time?.spoken ?? '', exact: time?.exact ?? '', iso };
}
