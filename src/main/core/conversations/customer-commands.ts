// The Customers view, customers' labels and notes: found in this desktop's store (everyone its
// handles heard from); a label or a note is the team's on a team handle (the hub keeps it and
// tells every desktop), this desktop's own otherwise.
import { randomUUID } from 'node:crypto';
import type { CustomerSummary } from '../../../shared/customers';
import { DeckhandError } from '../../../shared/errors';
import { oneToOneConversationId } from '../../../shared/ids';
import type { Clock } from '../../../shared/clock';
import type { DomainEvents } from '../domain-events';
import type { CommandHandlers } from '../rpc/dispatcher';
import { getAccount } from '../store/accounts';
import { labelsInUse, labelsOf, setCustomerLabel } from '../store/customer-labels';
import { noteCounts, notesAbout, saveCustomerNote } from '../store/customer-notes';
import type { Database } from '../store/database';
import { statement } from '../store/statements';
import type { TeamLink } from '../team/team-link';

/** How many customers the view lists at once: a search narrows it. */
const CUSTOMERS_LISTED = 100;

interface UserRow {
  id: string;
  username: string;
  name: string;
  avatar_url: string | null;
  verified: number;
  followers_count: number;
  posts: number;
}

function customersOf(db: Database, handleId: string, query: string | undefined, label: string | undefined): CustomerSummary[] {
  const like = query ? `%${query.replace(/^@/, '').replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const rows = statement(
    db,
    `SELECT CAST(u.id AS TEXT) AS id, u.username, u.name, u.avatar_url, u.verified, u.followers_count,
       (SELECT COUNT(*) FROM posts p WHERE p.author_id = u.id) AS posts
     FROM users u
     WHERE CAST(u.id AS TEXT) NOT IN (SELECT id FROM accounts)
       AND (:like IS NULL OR u.username LIKE :like ESCAPE '\\' OR u.name LIKE :like ESCAPE '\\')
       AND (:label IS NULL OR CAST(u.id AS TEXT) IN (SELECT customer_id FROM customer_labels WHERE label = :label COLLATE NOCASE))
     ORDER BY u.updated_at DESC LIMIT :limit`,
  ).all({ like, label: label ?? null, limit: CUSTOMERS_LISTED }) as UserRow[];
  const dmCount = statement(db, 'SELECT COUNT(*) AS count FROM dm_events WHERE conversation_id = ?');
  const notes = noteCounts(db, rows.map((row) => row.id));
  return rows.map((row) => ({
    author: { id: row.id, username: row.username, name: row.name, avatarUrl: row.avatar_url, verified: row.verified === 1, followersCount: row.followers_count },
    labels: labelsOf(db, row.id),
    posts: row.posts,
    dms: (dmCount.get(oneToOneConversationId(row.id, handleId)) as { count: number }).count,
    notes: notes.get(row.id) ?? 0,
  }));
}

export function customerCommands(deps: { db: Database; domain: DomainEvents; team: TeamLink; clock: Clock }): Pick<CommandHandlers, 'listCustomers' | 'listCustomerLabels' | 'labelCustomer' | 'listCustomerNotes' | 'noteCustomer'> {
  const { db, domain, team, clock } = deps;
  return {
    listCustomers: ({ accountId, query, label }) => customersOf(db, accountId, query || undefined, label),
    listCustomerLabels: () => labelsInUse(db),
    labelCustomer: async ({ accountId, customerId, label, on }) => {
      const account = getAccount(db, accountId);
      if (!account) throw new DeckhandError('not_found', 'There is no such brand handle.');
      if (account.fromTeam) await team.work.labelCustomer(accountId, customerId, label, on);
      else if (setCustomerLabel(db, customerId, label, on, clock.now())) await domain.publish({ type: 'customerLabelsChanged', customerId });
      return labelsOf(db, customerId);
    },
    // Written through any handle: the caller reads those written through the handles they may view.
    listCustomerNotes: ({ customerId }, caller) => notesAbout(db, customerId).filter((note) => caller.can('view', { kind: 'handle', accountId: note.handleId })),
    noteCustomer: async ({ accountId, customerId, text }, caller) => {
      const account = getAccount(db, accountId);
      if (!account) throw new DeckhandError('not_found', 'There is no such brand handle.');
      if (account.fromTeam) await team.work.noteCustomer(accountId, customerId, text);
      else if (saveCustomerNote(db, { id: randomUUID(), customerId, handleId: accountId, authorId: null, text, at: clock.now() }, false)) await domain.publish({ type: 'customerNotesChanged', customerId });
      return notesAbout(db, customerId).filter((note) => caller.can('view', { kind: 'handle', accountId: note.handleId }));
    },
  };
}
