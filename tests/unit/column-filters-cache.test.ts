import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ColumnFiltersCache } from '../../src/main/core/read-models/column-filters-cache';
import { getColumn, insertColumn } from '../../src/main/core/store/columns';
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
});
