import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ColumnFiltersCache } from '../../src/main/core/read-models/column-filters-cache';
import { getColumn, insertColumn } from '../../src/main/core/store/columns';
import { setCustomerLabel } from '../../src/main/core/store/customer-labels';
import { saveCustomerNote } from '../../src/main/core/store/customer-notes';
import { openDatabase, type Database } from '../../src/main/core/store/database';
import { DEFAULT_COLUMN_FILTERS } from '../../src/shared/domain';
import { postView } from '../helpers/posts';
import { tempDir } from '../helpers/temp';

describe('ColumnFiltersCache', () => {
  let dir: ReturnType<typeof tempDir>;
  let db: Database;

  beforeEach(() => {
    dir = tempDir();
    db = openDatabase(join(dir.path, 'workspace.sqlite'));
  });

  afterEach(() => {
    db.close();
    dir.remove();
  });

  it('turns off a stored pattern it cannot run safely, keeps the other filters, and warns once', () => {
    // As saved by a version that ran patterns on JavaScript's backtracking engine.
    const filters = { ...DEFAULT_COLUMN_FILTERS, excludeRegex: '(\\w)\\1', excludeWords: ['spam'] };
    insertColumn(db, { id: 'old', kind: 'search', accountId: '100', title: 'Old', query: 'bag', builder: null, filters });
    const warnings: { message: string; fields?: Record<string, unknown> }[] = [];
    const cache = new ColumnFiltersCache(db, { warn: (message, fields) => warnings.push({ message, ...(fields ? { fields } : {}) }) });
    const column = getColumn(db, 'old')!;

    const predicate = cache.predicate(column)!;
    expect(predicate(postView({ text: 'my luggage is lost' }))).toBe(true); // its "gg" would have hidden it
    expect(predicate(postView({ text: 'bag spam' }))).toBe(false);
    cache.predicate(column);
    expect(warnings).toEqual([{ message: expect.stringContaining('hidden pattern is off'), fields: { columnId: 'old', problem: expect.stringContaining('backreference') } }]);
  });

  it('reads customers\' labels and notes from the store per post: given after the predicate was made, they count at once', () => {
    const filters = { ...DEFAULT_COLUMN_FILTERS, customerLabel: 'vip' };
    insertColumn(db, { id: 'vips', kind: 'search', accountId: '100', title: 'VIPs', query: 'bag', builder: null, filters });
    insertColumn(db, { id: 'noted', kind: 'search', accountId: '100', title: 'Noted', query: 'bag', builder: null, filters: { ...DEFAULT_COLUMN_FILTERS, onlyNotedCustomers: true } });
    const cache = new ColumnFiltersCache(db);
    const vips = cache.predicate(getColumn(db, 'vips')!)!;
    const noted = cache.predicate(getColumn(db, 'noted')!)!;
    const vera = postView({ id: '1' }, { id: '77', username: 'vip_vera' });
    expect([vips(vera), noted(vera)]).toEqual([false, false]);
    setCustomerLabel(db, '77', 'VIP', true, 1_000);
    saveCustomerNote(db, { id: 'n1', customerId: '77', handleId: '100', authorId: null, text: 'Flies weekly', at: 1_000 }, false);
    expect([vips(vera), noted(vera)]).toEqual([true, true]);
    expect(vips(postView({ id: '2' }, { id: '78' }))).toBe(false);
    setCustomerLabel(db, '77', 'VIP', false, 2_000);
    expect(vips(vera)).toBe(false);
  });
});
