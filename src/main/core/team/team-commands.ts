// In a team, commands about the team's handles go to the hub instead of X: a column on a team
// handle is a team column (the hub ingests it for everyone) or the member's personal one (the hub
// ingests it for them alone), removing one removes it there, and a reply, like or repost goes through the hub,
// which alone acts as the handle and checks the member's role first. Everything else (layout,
// reading positions, local archive columns) stays local.
import { randomUUID } from 'node:crypto';
import type { Clock } from '../../../shared/clock';
import type { ParsedInput } from '../../../shared/contract';
import { DeckhandError } from '../../../shared/errors';
import type { TeamColumnSource } from '../../../shared/hub-protocol';
import { buildSearchQuery, searchRangeProblem } from '../../../shared/query-builder';
import { heldPost } from '../actions/post-care';
import type { CommandHandlers } from '../rpc/dispatcher';
import { getAccount } from '../store/accounts';
import { caseOfPost, listAssignments } from '../store/assignments';
import { repliesInCase } from '../store/case-replies';
import { getColumn } from '../store/columns';
import { listNotes } from '../store/notes';
import type { Database } from '../store/database';
import type { TeamLink } from './team-link';

type Routed = 'createColumn' | 'updateColumn' | 'removeColumn' | 'replyToPost' | 'sendDm' | 'connectTeamHandle' | 'listAssignments' | 'assignPost' | 'claimPost' | 'setCaseStatus' | 'listCaseNotes' | 'addCaseNote' | 'tagCase' | 'saveHandleTags' | 'saveCaseSettings' | 'listCaseReplies' | 'getCaseTimeline' | 'mergeCases' | 'splitCase' | 'engagePost';

function teamSource(input: ParsedInput<'createColumn'>, now: number): TeamColumnSource {
  switch (input.kind) {
    case 'search': {
      // The hub asks X for the dates and checks them against its own clock; this desktop's check says why sooner.
      const rangeProblem = input.range ? searchRangeProblem(input.range, now) : null;
      if (rangeProblem) throw new DeckhandError('invalid_input', rangeProblem);
      const query = input.query ?? (input.builder ? buildSearchQuery(input.builder) : '');
      return { kind: 'search', query, ...(input.range ? { range: input.range } : {}) };
    }
    case 'mentions':
      return { kind: 'mentions' };
    case 'dms':
      return { kind: 'dms' };
    default:
      throw new DeckhandError('invalid_input', 'A team handle’s columns follow a search, its mentions or its direct messages; User and Archive columns of it are not team columns yet.');
  }
}

type LocalCounterpart = 'createColumn' | 'updateColumn' | 'removeColumn' | 'replyToPost' | 'sendDm' | 'engagePost';

export function teamRoutedCommands(deps: { db: Database; team: TeamLink; clock: Clock; local: Pick<CommandHandlers, LocalCounterpart> }): Pick<CommandHandlers, Routed> {
  const { db, team, local } = deps;
  const isTeamHandle = (accountId: string) => getAccount(db, accountId)?.fromTeam === true;
  /** The case a post belongs to here (the one it opened, or joined): its opening post and the version this desktop knows. */
  const caseOf = (handleId: string, postId: string) => {
    const known = caseOfPost(db, handleId, postId);
    return { postId: known?.postId ?? postId, version: known?.version ?? 0 };
  };
  /** Assignment is the team's: only a team handle's posts have one. */
  const assignAndAnswer = async (handleId: string, postId: string, assigneeId: string | null | 'me') => {
    if (!isTeamHandle(handleId)) throw new DeckhandError('invalid_input', 'Only a team handle’s posts are assigned: this desktop is not in that handle’s team.');
    const target = caseOf(handleId, postId);
    await team.work.assign(handleId, target.postId, assigneeId, target.version);
    return answered(handleId, target.postId);
  };
  const answered = (handleId: string, postId: string) => {
    const assignment = caseOfPost(db, handleId, postId);
    if (!assignment) throw new DeckhandError('unavailable', 'The hub took it, but it has not reached this desktop yet; it shows when it does.');
    return assignment;
  };
  return {
    createColumn: async (input, caller) => {
      // These read what this desktop holds (or asks the hub for): they are the member's own columns.
      if (!isTeamHandle(input.accountId) || input.kind === 'archive' || input.kind === 'cases' || input.kind === 'approvals' || input.kind === 'scheduled') return local.createColumn(input, caller);
      const columnId = randomUUID();
      await team.work.addHubColumn({ handleId: input.accountId, columnId, ...(input.title ? { title: input.title } : {}), source: teamSource(input, deps.clock.now()) }, input.forTeam === false);
      const column = getColumn(db, columnId);
      if (!column) throw new DeckhandError('unavailable', 'The hub took the column, but it has not reached this desktop yet; it appears when it does.');
      return column;
    },
    updateColumn: (input, caller) => {
      // A team column's layout is the member's own; what it follows is the team's.
      const changesSource = input.query !== undefined || input.builder !== undefined || input.range !== undefined || input.archiveQuery !== undefined;
      if (changesSource && getColumn(db, input.columnId)?.fromTeam) {
        throw new DeckhandError('invalid_input', 'This is a team column: what it follows is set for the whole team. Add a team column with the new query, then remove this one.');
      }
      return local.updateColumn(input, caller);
    },
    removeColumn: async (input, caller) => {
      const column = getColumn(db, input.columnId);
      if (!column?.fromTeam) return local.removeColumn(input, caller);
      await team.work.removeHubColumn({ handleId: column.accountId, columnId: column.id }, column.personal === true);
      return null;
    },
    replyToPost: (input, caller) =>
      isTeamHandle(input.accountId)
        ? team.sendReply({ handleId: input.accountId, postId: input.inReplyToPostId, text: input.text, ...(input.engageAnyway ? { engageAnyway: true } : {}) })
        : local.replyToPost(input, caller),
    sendDm: (input, caller) => (isTeamHandle(input.accountId) ? team.sendDm({ handleId: input.accountId, conversationId: input.conversationId, text: input.text }) : local.sendDm(input, caller)),
    engagePost: async (input, caller) => {
      if (!isTeamHandle(input.accountId)) return local.engagePost(input, caller);
      heldPost(db, input.postId);
      const sent = await team.engagePost({ handleId: input.accountId, postId: input.postId, kind: input.kind, on: input.on });
      if (sent === 'offline') {
        throw new DeckhandError('unavailable', `The team’s hub is out of reach: the ${input.kind} waits in the team outbox and goes out when the hub is back.`);
      }
      // Done: the replica marked it. Queued: the hub sends it soon, and the card shows it when the hub says so.
      return heldPost(db, input.postId);
    },
    connectTeamHandle: () => team.work.connectHandle(),
    listAssignments: () => listAssignments(db),
    assignPost: (input) => assignAndAnswer(input.accountId, input.postId, input.assigneeId),
    claimPost: (input) => assignAndAnswer(input.accountId, input.postId, 'me'),
    mergeCases: async (input) => {
      if (!isTeamHandle(input.accountId)) throw new DeckhandError('invalid_input', 'Only a team handle’s posts are cases.');
      const into = caseOf(input.accountId, input.intoPostId).postId;
      await team.work.mergeCases(input.accountId, caseOf(input.accountId, input.postId).postId, into);
      return answered(input.accountId, into);
    },
    splitCase: async (input) => {
      if (!isTeamHandle(input.accountId)) throw new DeckhandError('invalid_input', 'Only a team handle’s posts are cases.');
      await team.work.splitCase(input.accountId, input.postId);
      return answered(input.accountId, input.postId);
    },
    getCaseTimeline: (input) => {
      if (!isTeamHandle(input.accountId)) throw new DeckhandError('invalid_input', 'Only a team handle’s posts are cases.');
      return team.work.caseTimeline(input.accountId, caseOf(input.accountId, input.postId).postId);
    },
    listCaseReplies: (input) => repliesInCase(db, input.accountId, caseOf(input.accountId, input.postId).postId),
    listCaseNotes: (input) => listNotes(db, input.accountId, caseOf(input.accountId, input.postId).postId),
    tagCase: async (input) => {
      if (!isTeamHandle(input.accountId)) throw new DeckhandError('invalid_input', 'Only a team handle’s posts are cases: tags are the team’s.');
      const target = caseOf(input.accountId, input.postId);
      await team.work.tagCase(input.accountId, target.postId, input.tag, input.on, target.version);
      return answered(input.accountId, target.postId);
    },
    saveHandleTags: async (input) => {
      if (!isTeamHandle(input.accountId)) throw new DeckhandError('invalid_input', 'Tags belong to a team’s handles.');
      await team.work.saveHandleTags(input.accountId, input.tags, input.requireOnResolve);
      return team.state();
    },
    saveCaseSettings: async (input) => {
      if (!isTeamHandle(input.accountId)) throw new DeckhandError('invalid_input', 'Case settings belong to a team’s handles.');
      await team.work.saveCaseSettings(input.accountId, input.settings);
      return team.state();
    },
    addCaseNote: async (input) => {
      if (!isTeamHandle(input.accountId)) throw new DeckhandError('invalid_input', 'Only a team handle’s posts are cases: notes are the team’s.');
      const target = caseOf(input.accountId, input.postId);
      await team.work.addNote(input.accountId, target.postId, input.text);
      return listNotes(db, input.accountId, target.postId);
    },
    setCaseStatus: async (input) => {
      if (!isTeamHandle(input.accountId)) throw new DeckhandError('invalid_input', 'Only a team handle’s posts are cases: this desktop is not in that handle’s team.');
      const target = caseOf(input.accountId, input.postId);
      await team.work.setCaseStatus(input.accountId, target.postId, input.status, target.version, input.until);
      return answered(input.accountId, target.postId);
    },
  };
}
