import { describe, expect, it } from 'vitest';
import { csvCell, exportFilename, exportPosts } from '../../src/main/core/deck/export';
import type { PostView } from '../../src/shared/domain';
import { postView } from '../helpers/posts';

const view = (id: string, text: string): PostView =>
  postView({ id, text, createdAt: '2026-11-25T09:00:00.000Z' }, { username: 'jane', name: 'Jane, "JD" Doe' });

describe('column export', () => {
  it('escapes quotes, commas and newlines as RFC 4180 says', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a, b')).toBe('"a, b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('line one\nline two')).toBe('"line one\nline two"');
  });

  it('defuses spreadsheet formulas: cells starting with = + - @ (or tab, CR) get a leading apostrophe', () => {
    expect(csvCell('=HYPERLINK("http://evil")')).toBe(`"'=HYPERLINK(""http://evil"")"`);
    expect(csvCell('+1 555')).toBe("'+1 555");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@AcmeAir help')).toBe("'@AcmeAir help");
    expect(csvCell('\tcmd')).toBe("'\tcmd");
    expect(csvCell('a=b')).toBe('a=b');
  });

  it('writes every post with id, time, author, text and URL, as CSV and as JSON', () => {
    const posts = [view('1900000000000000002', '=1+1, "quoted"\nnext'), view('1900000000000000001', 'fine')];
    const now = new Date('2026-11-25T10:00:00Z');
    const csv = exportPosts(posts, 'csv', 'Search: delay', now);
    expect(csv).toMatchObject({ filename: 'deckhand-search-delay-2026-11-25.csv', mimeType: 'text/csv', rows: 2 });
    expect(csv.content.split('\r\n')).toEqual([
      'post_id,created_at,author,author_name,text,url',
      `1900000000000000002,2026-11-25T09:00:00.000Z,'@jane,"Jane, ""JD"" Doe","'=1+1, ""quoted""\nnext",https://x.com/jane/status/1900000000000000002`,
      "1900000000000000001,2026-11-25T09:00:00.000Z,'@jane,\"Jane, \"\"JD\"\" Doe\",fine,https://x.com/jane/status/1900000000000000001",
      '',
    ]);
    const json = exportPosts(posts, 'json', 'Search: delay', now);
    expect(json.mimeType).toBe('application/json');
    expect(JSON.parse(json.content)[0]).toEqual({
      id: '1900000000000000002',
      createdAt: '2026-11-25T09:00:00.000Z',
      author: '@jane',
      authorName: 'Jane, "JD" Doe',
      text: '=1+1, "quoted"\nnext',
      url: 'https://x.com/jane/status/1900000000000000002',
    });
  });

  it('names files safely whatever the column title', () => {
    expect(exportFilename('Mentions: @AcmeAir / ../../etc', 'json', new Date('2026-01-02T00:00:00Z'))).toBe('deckhand-mentions-acmeair-etc-2026-01-02.json');
    expect(exportFilename('✈️', 'csv', new Date('2026-01-02T00:00:00Z'))).toBe('deckhand-column-2026-01-02.csv');
  });
});
