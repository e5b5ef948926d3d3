// Migration 14's second half: posts and DMs stored before Deckhand assessed what customers write
// get their tone and priority, so "Priority first" and the sentiment filter treat old and new
// alike. Read in pages by id: better-sqlite3 allows no write while a query is being iterated.
import type { Database } from 'better-sqlite3';
import type { PostAssessment } from '../../../shared/domain';
import { assessPost } from '../../../shared/sentiment';

const PAGE = 1_000;

interface MessageRow {
  id: string;
  text: string;
  lang: string | null;
  followers_count: number | null;
  verified: number | null;
}

/** Assesses every row `selectSql` pages through (ids after `@after`, `@page` at most) and hands each to `write`. */
function backfill(db: Database, selectSql: string, write: (id: string, assessment: PostAssessment) => void): number {
  const select = db.prepare(selectSql);
  let after = '0';
  let done = 0;
  for (;;) {
    const rows = select.all({ after, page: PAGE }) as MessageRow[];
    for (const row of rows) {
      const assessment: PostAssessment = assessPost({ text: row.text, lang: row.lang, followers: row.followers_count, verified: row.verified === null ? null : row.verified === 1 });
      write(row.id, assessment);
    }
    done += rows.length;
    if (rows.length < PAGE) return done;
    after = rows[rows.length - 1]!.id;
  }
}

/** Assesses the stored posts and DMs of customers (not the brand handles' own) and files the priorities. */
export function backfillAssessments(db: Database): { posts: number; dms: number } {
  const updatePost = db.prepare('UPDATE posts SET assessment = ?, priority = ? WHERE id = CAST(? AS INTEGER)');
  const updateDm = db.prepare('UPDATE dm_events SET assessment = ? WHERE id = CAST(? AS INTEGER)');
  const posts = backfill(
    db,
    `SELECT CAST(p.id AS TEXT) AS id, p.text, p.lang, u.followers_count, u.verified FROM posts p LEFT JOIN users u ON u.id = p.author_id
     WHERE p.id > CAST(@after AS INTEGER) AND CAST(p.author_id AS TEXT) NOT IN (SELECT id FROM accounts) ORDER BY p.id LIMIT @page`,
    (id, assessment) => updatePost.run(JSON.stringify(assessment), assessment.priority, id),
  );
  db.exec('UPDATE column_items SET priority = COALESCE((SELECT priority FROM posts WHERE posts.id = column_items.post_id), 0)');
  const dms = backfill(
    db,
    `SELECT CAST(e.id AS TEXT) AS id, e.text, NULL AS lang, u.followers_count, u.verified FROM dm_events e LEFT JOIN users u ON u.id = e.sender_id
     WHERE e.id > CAST(@after AS INTEGER) AND CAST(e.sender_id AS TEXT) NOT IN (SELECT id FROM accounts) ORDER BY e.id LIMIT @page`,
    // DMs are not ranked in SQL: their priority stays in the assessment.
    (id, assessment) => updateDm.run(JSON.stringify(assessment), id),
  );
  return { posts, dms };
}
