// A column's posts as a CSV or JSON file for reports: post id, time, author, text, URL.
// CSV follows RFC 4180 and defuses spreadsheet formulas (a cell starting with = + - @, tab or
// carriage return gets a leading apostrophe), so a hostile post cannot run in Excel or Sheets.
import { postUrl, type ExportedFile, type PostView } from '../../../shared/domain';

export interface ExportRow {
  id: string;
  createdAt: string;
  author: string;
  authorName: string;
  text: string;
  url: string;
}

export const EXPORT_HEADER = ['post_id', 'created_at', 'author', 'author_name', 'text', 'url'] as const;

export function exportRow(post: PostView): ExportRow {
  return {
    id: post.id,
    createdAt: post.createdAt,
    author: `@${post.author.username}`,
    authorName: post.author.name,
    text: post.text,
    url: postUrl(post.author.username, post.id),
  };
}

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(rows: Iterable<ExportRow>): { content: string; rows: number } {
  const lines = [EXPORT_HEADER.join(',')];
  for (const row of rows) lines.push([row.id, row.createdAt, row.author, row.authorName, row.text, row.url].map(csvCell).join(','));
  return { content: `${lines.join('\r\n')}\r\n`, rows: lines.length - 1 };
}

export function toJson(rows: Iterable<ExportRow>): { content: string; rows: number } {
  const list = [...rows];
  return { content: `${JSON.stringify(list, null, 2)}\n`, rows: list.length };
}

/** A file name people can read and every OS accepts: "deckhand-search-delay-2026-11-25.csv". */
export function exportFilename(title: string, format: 'csv' | 'json', now: Date): string {
  const slug = title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `deckhand-${slug || 'column'}-${now.toISOString().slice(0, 10)}.${format}`;
}

export function exportPosts(posts: Iterable<PostView>, format: 'csv' | 'json', title: string, now: Date): ExportedFile {
  const rows = (function* () {
    for (const post of posts) yield exportRow(post);
  })();
  const { content, rows: count } = format === 'csv' ? toCsv(rows) : toJson(rows);
  return { filename: exportFilename(title, format, now), mimeType: format === 'csv' ? 'text/csv' : 'application/json', content, rows: count };
}
