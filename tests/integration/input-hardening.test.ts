// Inputs that used to hurt the core, through the real dispatcher, over a real SQLite file and the
// sandbox: ids beyond 64 bits, hidden-word patterns that backtrack, control characters in searches.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SOLO_AGENT } from '../../src/main/core/rpc/caller';
import type { Column, PostView } from '../../src/shared/domain';
import { accountId, columnIds, createColumn, startColumnsRig, type ColumnsRig } from '../helpers/columns-rig';
import { eventually } from '../helpers/sandbox';

let rig: ColumnsRig;
let acme: string;

beforeAll(async () => {
  rig = await startColumnsRig({ sandbox: { keepAliveMs: 500 } });
  acme = await accountId(rig, 'AcmeAir');
}, 30_000);

afterAll(async () => {
  await rig?.close();
});

const dispatch = (method: string, input: unknown) => rig.core.dispatch(method, input, SOLO_AGENT);

describe('numeric ids', () => {
  it('refuses a read marker beyond 2^63 − 1 (it would freeze the unread count) and ids with leading zeros', async () => {
    const column = await createColumn(rig, { kind: 'search', accountId: acme, query: 'idcheck' });
    for (const lastReadId of ['9999999999999999999', '9223372036854775808', '0123', '-1', '1e5']) {
      const answer = await dispatch('markColumnRead', { columnId: column.id, lastReadId });
      expect(answer, lastReadId).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/lastReadId.*numeric id/) } });
    }
    expect(await dispatch('markColumnRead', { columnId: column.id, lastReadId: '9223372036854775807' })).toMatchObject({ ok: true });
  });
});

describe('hidden-word patterns', () => {
  it('refuses a backreference when a column is created or edited, saying why', async () => {
    const created = await dispatch('createColumn', { kind: 'search', accountId: acme, query: 'refund', filters: { excludeRegex: '(\\w)\\1' } });
    expect(created).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('This pattern uses a backreference (\\1), which Deckhand cannot run safely') } });
    const column = await createColumn(rig, { kind: 'search', accountId: acme, query: 'refund' });
    const updated = await dispatch('updateColumn', { columnId: column.id, filters: { excludeRegex: 'refund(?! done)' } });
    expect(updated).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('This pattern uses a lookahead') } });
  });

  it('runs a backtracking-prone pattern against a matching post without stalling the core', async () => {
    const column = await createColumn(rig, { kind: 'search', accountId: acme, query: 'aaaa', filters: { excludeRegex: '(a+)+$' } });
    const hidden = await rig.admin.createPost({ author: 'sam', text: 'aaaa' });
    const shown = await rig.admin.createPost({ author: 'sam', text: `aaaa ${'a'.repeat(40)}!` });
    await eventually(async () => (await columnIds(rig, column.id)).includes(shown.id), 5_000, 'the shown post');
    expect(await columnIds(rig, column.id)).not.toContain(hidden.id);
  });

  it('a pattern stored before it was refused loads after a restart: the filter is off and the column shows its posts', async () => {
    const column = await createColumn(rig, { kind: 'search', accountId: acme, query: 'storedpattern' });
    const post = await rig.admin.createPost({ author: 'sam', text: 'storedpattern aa' });
    await eventually(async () => (await columnIds(rig, column.id)).includes(post.id), 5_000, 'the post');
    const filters = { ...column.filters, excludeRegex: '(\\w)\\1' };
    rig.core.db.prepare('UPDATE columns SET filters = ? WHERE id = ?').run(JSON.stringify(filters), column.id);
    await rig.restart();
    const columns = await rig.call<Column[]>('listColumns');
    expect(columns.find((c) => c.id === column.id)?.filters.excludeRegex).toBe('(\\w)\\1');
    expect((await rig.call<PostView[]>('listColumnPosts', { columnId: column.id })).map((p) => p.id)).toContain(post.id);
  });
});

describe('archive search input', () => {
  it('answers a query with a NUL or other control characters instead of an internal error', async () => {
    const post = await rig.admin.createPost({ author: 'sam', text: 'nulcheck luggage' });
    const column = await createColumn(rig, { kind: 'search', accountId: acme, query: 'nulcheck' });
    await eventually(async () => (await columnIds(rig, column.id)).includes(post.id), 5_000, 'the post');
    for (const query of ['nulcheck\u0000luggage', '\u0000', 'nulcheck\u0007', '"nulcheck\u0000']) {
      const answer = await dispatch('searchArchive', { query });
      expect(answer, JSON.stringify(query)).toMatchObject({ ok: true });
    }
    expect(await dispatch('searchArchive', { query: 'nulcheck\u0000luggage' })).toMatchObject({ ok: true, value: [expect.objectContaining({ id: post.id })] });
  });
});
