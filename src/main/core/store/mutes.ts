// The global mute list: words and users hidden from every column.
import type { MuteList } from '../../../shared/domain';
import type { Database } from './database';
import { statement } from './statements';

export function getMuteList(db: Database): MuteList {
  const rows = statement(db, 'SELECT kind, value FROM mutes ORDER BY kind, value').all() as { kind: 'word' | 'user'; value: string }[];
  return {
    words: rows.filter((r) => r.kind === 'word').map((r) => r.value),
    users: rows.filter((r) => r.kind === 'user').map((r) => r.value),
  };
}

/** Replaces the list; duplicates (ignoring case) are kept once. */
export function setMuteList(db: Database, list: MuteList): MuteList {
  const unique = (values: readonly string[]) => [...new Map(values.map((v) => [v.toLowerCase(), v.trim()])).values()].filter((v) => v !== '');
  db.transaction(() => {
    statement(db, 'DELETE FROM mutes').run();
    const insert = statement(db, 'INSERT OR IGNORE INTO mutes (kind, value) VALUES (?, ?)');
    for (const word of unique(list.words)) insert.run('word', word);
    for (const user of unique(list.users.map((u) => u.replace(/^@/, '')))) insert.run('user', user);
  })();
  return getMuteList(db);
}
