// Who a customer is: X's profile description and join date come with the author (when the read
// asked for them), are kept, and are not wiped by a later read that did not ask for them.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/main/core/store/database';
import { customerOf } from '../../src/main/core/store/conversations';
import { upsertAuthors } from '../../src/main/core/store/posts';
import { normaliseAuthor } from '../../src/main/core/x/normalize';
import { tempDir } from '../helpers/temp';

const dirs: { remove(): void }[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => dir.remove()));

describe('a customer’s profile', () => {
  it('keeps X’s description and join date, also when a later read brings the author without them', () => {
    const dir = tempDir();
    dirs.push(dir);
    const db = openDatabase(join(dir.path, 'workspace.sqlite'));
    const full = normaliseAuthor({ id: '77', username: 'vera', name: 'Vera Lind', description: 'Frequent flyer, ex-pilot', created_at: '2015-03-02T10:00:00.000Z', public_metrics: { followers_count: 900, following_count: 1, tweet_count: 2, listed_count: 0 } });
    expect(full).toMatchObject({ bio: 'Frequent flyer, ex-pilot', joinedAt: '2015-03-02T10:00:00.000Z' });
    upsertAuthors(db, [full!]);
    // A DM read, say, without the profile fields: the name changed, the bio stays.
    upsertAuthors(db, [normaliseAuthor({ id: '77', username: 'vera', name: 'Vera L.' })!]);
    expect(customerOf(db, '100', '77')?.author).toMatchObject({ name: 'Vera L.', bio: 'Frequent flyer, ex-pilot', joinedAt: '2015-03-02T10:00:00.000Z' });
    // An empty description is no bio.
    expect(normaliseAuthor({ id: '78', username: 'nobio', name: 'No Bio', description: '  ' })).not.toHaveProperty('bio');
    db.close();
  });
});
