// The team's audit log as a CSV file for reports: when, who, what, on which handle, how it ended.
import type { ExportedFile } from '../../../shared/domain';
import type { AuditEntry } from '../../../shared/hub-protocol';
import { csvCell, exportFilename } from '../deck/export';

const HEADER = ['seq', 'time', 'actor', 'handle', 'action', 'outcome', 'reason', 'detail'];

export function auditCsv(entries: readonly AuditEntry[], teamName: string, now: Date): ExportedFile {
  const lines = [HEADER.join(',')];
  for (const entry of entries) {
    const cells = [String(entry.seq), new Date(entry.at).toISOString(), entry.actor, entry.handle ?? '', entry.intent, entry.outcome, entry.reason ?? '', entry.detail];
    lines.push(cells.map(csvCell).join(','));
  }
  return { filename: exportFilename(`${teamName} audit log`, 'csv', now), mimeType: 'text/csv', content: `${lines.join('\r\n')}\r\n`, rows: entries.length };
}
