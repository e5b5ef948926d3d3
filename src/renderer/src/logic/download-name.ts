// The name a downloaded export gets: what the core suggested, made safe for every file system,
// with the extension its type calls for.
import type { ExportedFile } from '../../../shared/domain';

const EXTENSION: Readonly<Record<ExportedFile['mimeType'], string>> = { 'text/csv': '.csv', 'application/json': '.json' };

const MAX_NAME = 120;

export function downloadName(file: Pick<ExportedFile, 'filename' | 'mimeType'>): string {
  const extension = EXTENSION[file.mimeType];
  // Path separators, characters Windows refuses, controls, and leading dots (hidden files).
  const cleaned = file.filename
    .replace(/[\\/:*?"<>|\p{Cc}]+/gu, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[.\s-]+/, '');
  const stem = (cleaned.toLowerCase().endsWith(extension) ? cleaned.slice(0, -extension.length) : cleaned).slice(0, MAX_NAME).trim();
  return `${stem || 'deckhand-export'}${extension}`;
}
