import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/main/core/store/database';
import { migrate, migrations } from '../../src/main/core/store/migrations';
import { tempDir } from '../helpers/temp';

const dirs: { remove(): void }[] = [];
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

function freshFile(): string {
  const dir = tempDir();
  dirs.push(dir);
  return join(dir.path, 'nested', 'workspace.sqlite');
}

describe('migrations', () => {
  it('bring a fresh file to the latest schema, in WAL mode', () => {
    const db = openDatabase(freshFile());
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.length);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all().map((r) => (r as { name: string }).name);
    expect(tables).toEqual(expect.arrayContaining(['accounts', 'users', 'posts', 'columns', 'column_items', 'sync_cursors']));
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });

  it.each(migrations.map((_, index) => index + 1))('migration %i applies on its own on a fresh database', (version) => {
    const db = new Sqlite(freshFile().replace('nested/', ''));
    for (let step = 0; step < version; step++) migrations[step]!(db);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
  });

  it('are idempotent across reopening and keep the data', () => {
    const file = freshFile();
    const first = openDatabase(file);
    first.prepare("INSERT INTO accounts (id, username, name, created_at) VALUES ('1', 'AcmeAir', 'Acme Air', 'now')").run();
    first.close();
    const again = openDatabase(file);
    expect(again.prepare('SELECT username FROM accounts').get()).toEqual({ username: 'AcmeAir' });
    again.close();
  });

  it('refuse a database written by a newer version instead of damaging it', () => {
    const file = freshFile();
    openDatabase(file).close();
    const db = new Sqlite(file);
    db.pragma(`user_version = ${migrations.length + 1}`);
    expect(() => migrate(db)).toThrow(/newer Deckhand/);
    db.close();
  });
});
