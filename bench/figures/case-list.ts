// Case work: a "Cases" column listing the newest 100 of 10,000 open cases (of a team handle's
// replica on the archive store), through core.dispatch as the renderer asks for it: the queue's
// filter over the handle's cases, then their posts. The cases are written inside a transaction
// that is rolled back, so the cached archive store stays as it was.
// Ceiling: one prepared SQL join of the open cases and their posts, newest 100, rows only.
import type { Core } from '../../src/main/core/core';
import { ALL_OPEN_CASES } from '../../src/shared/case-queues';
import { newCase } from '../../src/shared/hub-protocol';
import { saveAssignment } from '../../src/main/core/store/assignments';
import { insertColumn } from '../../src/main/core/store/columns';
import { POST_VIEW_COLUMNS } from '../../src/main/core/store/posts';
import type { BenchContext } from '../context';
import type { BuiltStore } from '../fixtures';
import { latencyFigures, type Figure } from '../report';
import { round } from '../stats';
import { timedDispatch, timedRows } from './timing';

export const OPEN_CASES = 10_000;
const PAGE = 100;
const ASSIGNEES = ['mem_ada', 'mem_ben', 'mem_cy', null];

export async function caseList(context: BenchContext, core: Core, store: BuiltStore): Promise<Figure[]> {
  const handleId = core.db.prepare('SELECT account_id FROM columns LIMIT 1').pluck().get() as string;
  const postIds = core.db.prepare('SELECT CAST(id AS TEXT) FROM posts ORDER BY id DESC LIMIT ?').pluck().all(OPEN_CASES) as string[];
  core.db.exec('BEGIN');
  try {
    postIds.forEach((postId, index) => saveAssignment(core.db, newCase(handleId, postId, { assigneeId: ASSIGNEES[index % ASSIGNEES.length] ?? null, version: 1, waitingSince: index })));
    const column = insertColumn(core.db, { id: 'bench-cases', kind: 'cases', accountId: handleId, title: 'Cases', queue: ALL_OPEN_CASES });
    const raw = core.db.prepare(
      `SELECT ${POST_VIEW_COLUMNS} FROM post_assignments a JOIN posts p ON p.id = a.post_id JOIN users u ON u.id = p.author_id
       WHERE a.handle_id = ? AND a.status = 'open' ORDER BY CAST(a.post_id AS INTEGER) DESC LIMIT ?`,
    );
    await timedDispatch(core, 'listColumnPosts', { columnId: column.id, limit: PAGE });
    const samples: number[] = [];
    const ceiling: number[] = [];
    let rows = 0;
    for (let repetition = 0; repetition < context.sizes.queryRepetitions * 5; repetition++) {
      const result = await timedDispatch(core, 'listColumnPosts', { columnId: column.id, limit: PAGE });
      samples.push(result.ms);
      rows += result.rows;
      ceiling.push(timedRows(() => raw.all(handleId, PAGE)));
    }
    return latencyFigures({
      name: 'case-list',
      label: `Cases column (newest ${PAGE} of ${OPEN_CASES.toLocaleString('en')} open)`,
      samples,
      ceilingSamples: ceiling,
      ceilingNote: 'one prepared SQL join of the open cases and their posts, rows only',
      high: 95,
      targetMs: 50,
      details: { storePosts: store.posts, openCases: postIds.length, samples: samples.length, postsPerPage: round(rows / samples.length) },
    });
  } finally {
    core.db.exec('ROLLBACK');
  }
}
