// The team commands of the contract. Spread into the core's handler map.
import type { CommandHandlers } from '../rpc/dispatcher';
import type { TeamLink } from './team-link';

export type TeamCommandName = 'getTeamState' | 'createTeam' | 'joinTeam' | 'createInvite' | 'setMemberRole' | 'saveRole' | 'dismissTeamOutboxItem' | 'linkTeamDesktop' | 'setTeamViewing' | 'getAuditLog' | 'exportAuditLog';

export function teamHandlers(link: TeamLink): Pick<CommandHandlers, TeamCommandName> {
  return {
    getTeamState: () => link.state(),
    createTeam: (input) => link.createTeam(input),
    joinTeam: (input) => link.joinTeam(input),
    createInvite: (input) => link.createInvite(input),
    setMemberRole: (input) => link.setMemberRole(input),
    saveRole: (input) => link.saveRole(input),
    dismissTeamOutboxItem: (input) => link.dismissOutboxItem(input.id),
    linkTeamDesktop: () => link.work.linkDesktop(),
    getAuditLog: (input) => link.work.auditLog(input.beforeSeq),
    exportAuditLog: () => link.work.exportAuditLog(),
    setTeamViewing: (input) => (link.setViewing(input.viewing), null),
  };
}
