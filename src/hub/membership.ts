// Claiming an unclaimed hub with its setup code, and joining a team with an invite. Both answer
// with a member credential shown once; the hub keeps only its hash.
import type { ClaimRequest, JoinRequest, MemberCredentialGrant } from '../shared/hub-protocol';
import { codesMatch, hashSecret, newCredential, newId } from './credentials';
import type { HubDb } from './db/schema';
import { Refusal } from './intent-context';
import { inviteByCodeHash, takeInvite } from './queries/invites';
import { TEAM_SPACE, bumpSpace, insertTeam, teamExists } from './queries/log';
import { activeMember, insertMember } from './queries/members';

/** Initials from a display name: "Dana Scully" → "DS". */
export function initialsOf(displayName: string): string {
  const letters = displayName
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => [...word][0] ?? '')
    .join('');
  return (letters || '?').slice(0, 3).toUpperCase();
}

export async function claimHub(db: HubDb, setupCode: string | null, request: ClaimRequest, now: number): Promise<MemberCredentialGrant> {
  if (setupCode === null || !codesMatch(request.setupCode, setupCode)) throw new Refusal('forbidden', 'Wrong setup code, or this hub was already claimed.');
  return db.transaction().execute(async (trx) => {
    if (await teamExists(trx)) throw new Refusal('conflict', 'This hub already has a team.');
    await insertTeam(trx, request.teamName, now);
    const credential = newCredential();
    const memberId = newId('mem');
    const initials = request.initials ?? initialsOf(request.displayName);
    await insertMember(trx, { id: memberId, displayName: request.displayName, initials, teamRole: 'owner', createdAt: now, credentialHash: hashSecret(credential) }, {});
    return { memberId, credential };
  });
}

export async function joinTeam(db: HubDb, request: JoinRequest, now: number): Promise<MemberCredentialGrant> {
  return db.transaction().execute(async (trx) => {
    const invite = await inviteByCodeHash(trx, hashSecret(request.code.trim()));
    if (!invite) throw new Refusal('not_found', 'That invite code is not known to this hub.');
    if (invite.revoked) throw new Refusal('forbidden', 'That invite was revoked.');
    if (invite.usedBy) throw new Refusal('forbidden', 'That invite was already used.');
    if (invite.expiresAt <= now) throw new Refusal('forbidden', 'That invite has expired; ask for a new one.');
    const credential = newCredential();
    if (invite.forMember) {
      // A desktop link: the same member, on one more desktop, with a credential of its own.
      if (!(await activeMember(trx, invite.forMember))) throw new Refusal('forbidden', 'The member this desktop link is for is no longer in the team.');
      if (!(await takeInvite(trx, invite.id, invite.forMember, now))) throw new Refusal('forbidden', 'That desktop link was already used.');
      await trx.insertInto('member_credentials').values({ credential_hash: hashSecret(credential), member_id: invite.forMember, created_at: now }).execute();
      return { memberId: invite.forMember, credential };
    }
    const memberId = newId('mem');
    if (!(await takeInvite(trx, invite.id, memberId, now))) throw new Refusal('forbidden', 'That invite was already used.');
    const initials = request.initials ?? initialsOf(request.displayName);
    await insertMember(trx, { id: memberId, displayName: request.displayName, initials, teamRole: invite.teamRole, createdAt: now, credentialHash: hashSecret(credential) }, invite.handleRoles);
    await bumpSpace(trx, TEAM_SPACE); // the members list moved
    return { memberId, credential };
  });
}
