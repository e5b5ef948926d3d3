// A report as one CSV file: a row per handle, agent and tag with every figure (times in minutes),
// then the backlog at each bucket's start as further columns, ready for a spreadsheet.
import type { ExportedFile } from './domain';
import type { Durations, Report, ReportGroup, ReportView } from './reports';

/** Cells a spreadsheet would run as a formula (a tag or a name may start so) are quoted as text. */
const FORMULA_START = /^[=+\-@\t\r]/;

export function reportCsvCell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export const REPORT_VIEW_NAMES: Record<ReportView, string> = { byHandle: 'handle', byAgent: 'agent', byTag: 'tag' };

const minutes = (ms: number | null): string => (ms === null ? '' : (ms / 60_000).toFixed(1));
const durationCells = (durations: Durations) => [String(durations.count), minutes(durations.medianMs), minutes(durations.p90Ms)];

function rowOf(view: ReportView, group: ReportGroup): string[] {
  const hitRate = group.sla.hitRate === null ? '' : `${(group.sla.hitRate * 100).toFixed(1)}`;
  return [
    REPORT_VIEW_NAMES[view],
    group.label,
    String(group.volumeIn),
    String(group.volumeOut),
    ...durationCells(group.firstResponse),
    ...durationCells(group.resolution),
    String(group.sla.met),
    String(group.sla.missed),
    hitRate,
    ...group.backlog.map(String),
  ];
}

export function reportCsv(report: Report, now: Date): ExportedFile {
  const header = [
    'grouped by',
    'name',
    'messages in',
    'replies out',
    'first responses',
    'first response median (min)',
    'first response p90 (min)',
    'resolved',
    'resolution median (min)',
    'resolution p90 (min)',
    'SLA met',
    'SLA missed',
    'SLA hit rate (%)',
    ...report.buckets.map((start) => `open cases at ${new Date(start).toISOString()}`),
  ];
  const views: ReportView[] = ['byHandle', 'byAgent', 'byTag'];
  const rows = views.flatMap((view) => report[view].map((group) => rowOf(view, group)));
  const lines = [header, ...rows].map((cells) => cells.map(reportCsvCell).join(','));
  const range = `${new Date(report.from).toISOString().slice(0, 10)}-to-${new Date(report.to).toISOString().slice(0, 10)}`;
  return { filename: `deckhand-report-${range}-${now.toISOString().slice(0, 10)}.csv`, mimeType: 'text/csv', content: `${lines.join('\r\n')}\r\n`, rows: rows.length };
}
