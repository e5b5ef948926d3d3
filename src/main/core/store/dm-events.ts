// Direct-message events: stored once by id, filed per DMs column, listed as conversations.
import type { Author, DmConversation, DmEvent, DmEventView, PostAssessment, PostEntities, PostMedia } from '../../../shared/domain';
import type { Database } from './database';
import { statement } from './statements';

interface DmEventRow {
  id: string;
  conversation_id: string;
  sender_id: string;
  participant_ids: string;
  text: string;
  created_at: string;
  entities: string;
  media: string;
  assessment: string | null;
  username: string | null;
  name: string | null;
  avatar_url: string | null;
  verified: number | null;
  followers_count: number | null;
}

const EVENT_COLUMNS = `CAST(e.id AS TEXT) AS id, e.conversation_id, CAST(e.sender_id AS TEXT) AS sender_id, e.participant_ids,
  e.text, e.created_at, e.entities, e.media, e.assessment, u.username, u.name, u.avatar_url, u.verified, u.followers_count`;

function toView(row: DmEventRow): DmEventView {
  const sender: Author | null =
    row.username === null
      ? null
      : { id: row.sender_id, username: row.username, name: row.name ?? row.username, avatarUrl: row.avatar_url, verified: row.verified === 1, followersCount: row.followers_count ?? 0 };
  return {
    id: row.id,
    conversationId: row.conversation_id,
    senderId: row.sender_id,
    participantIds: JSON.parse(row.participant_ids) as string[],
    text: row.text,
    createdAt: row.created_at,
    entities: JSON.parse(row.entities) as PostEntities,
    media: JSON.parse(row.media) as PostMedia[],
    sender,
    ...(row.assessment ? { assessment: JSON.parse(row.assessment) as PostAssessment } : {}),
  };
}

/**
 * Inserts the events not stored yet, with their assessment (`assess` runs for new ones only);
 * returns the ids that were new.
 */
export function insertDmEvents(db: Database, events: readonly DmEvent[], assess: (event: DmEvent) => PostAssessment | null = () => null): Set<string> {
  const stored = statement(db, 'SELECT 1 FROM dm_events WHERE id = ?');
  const insert = statement(
    db,
    `INSERT OR IGNORE INTO dm_events (id, conversation_id, sender_id, participant_ids, text, created_at, entities, media, assessment)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const inserted = new Set<string>();
  for (const e of events) {
    if (stored.get(e.id) !== undefined) continue;
    const assessment = assess(e);
    const result = insert.run(e.id, e.conversationId, e.senderId, JSON.stringify(e.participantIds), e.text, e.createdAt, JSON.stringify(e.entities), JSON.stringify(e.media), assessment ? JSON.stringify(assessment) : null);
    if (result.changes > 0) inserted.add(e.id);
  }
  return inserted;
}

export function addColumnDmEvents(db: Database, columnId: string, eventIds: Iterable<string>): string[] {
  const insert = statement(db, 'INSERT OR IGNORE INTO column_dm_events (column_id, event_id) VALUES (?, ?)');
  const added: string[] = [];
  for (const id of eventIds) if (insert.run(columnId, id).changes > 0) added.push(id);
  return added;
}

export function getDmEventViews(db: Database, ids: readonly string[]): DmEventView[] {
  const select = statement(db, `SELECT ${EVENT_COLUMNS} FROM dm_events e LEFT JOIN users u ON u.id = e.sender_id WHERE e.id = ?`);
  return ids.map((id) => select.get(id) as DmEventRow | undefined).filter((row): row is DmEventRow => row !== undefined).map(toView);
}

/** The column's conversations, the one with the newest event first, each with its newest event. */
export function listDmConversations(db: Database, columnId: string, ownerId: string, limit: number): DmConversation[] {
  const rows = statement(
    db,
    `SELECT ${EVENT_COLUMNS} FROM dm_events e LEFT JOIN users u ON u.id = e.sender_id
     WHERE e.id IN (
       SELECT MAX(d.id) FROM column_dm_events c JOIN dm_events d ON d.id = c.event_id
       WHERE c.column_id = ? GROUP BY d.conversation_id)
     ORDER BY e.id DESC LIMIT ?`,
  ).all(columnId, limit) as DmEventRow[];
  const user = statement(
    db,
    'SELECT CAST(id AS TEXT) AS id, username, name, avatar_url, verified, followers_count FROM users WHERE id = ?',
  );
  return rows.map((row) => {
    const lastEvent = toView(row);
    const participants = lastEvent.participantIds
      .filter((id) => id !== ownerId)
      .map((id) => user.get(id) as { id: string; username: string; name: string; avatar_url: string | null; verified: number; followers_count: number } | undefined)
      .filter((u) => u !== undefined)
      .map((u) => ({ id: u.id, username: u.username, name: u.name, avatarUrl: u.avatar_url, verified: u.verified === 1, followersCount: u.followers_count }));
    return { conversationId: row.conversation_id, participants, lastEvent };
  });
}

export function countColumnDmEventsAfter(db: Database, columnId: string, afterId: string | null, cap: number): number {
  const row = statement(
    db,
    'SELECT COUNT(*) AS n FROM (SELECT 1 FROM column_dm_events WHERE column_id = ? AND event_id > ? LIMIT ?)',
  ).get(columnId, afterId ?? '0', cap) as { n: number };
  return row.n;
}

/** A conversation's messages, oldest first (the newest `limit`). */
export function dmThread(db: Database, conversationId: string, limit: number): DmEventView[] {
  const rows = statement(
    db,
    `SELECT * FROM (SELECT ${EVENT_COLUMNS} FROM dm_events e LEFT JOIN users u ON u.id = e.sender_id WHERE e.conversation_id = ? ORDER BY e.id DESC LIMIT ?) ORDER BY CAST(id AS INTEGER)`,
  ).all(conversationId, limit) as DmEventRow[];
  return rows.map(toView);
}
