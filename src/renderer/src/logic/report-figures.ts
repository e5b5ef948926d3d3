// What the Reports view draws: for the chosen grouping (handle, agent, tag), five figures, each a
// chart's series and the table that says the same in words and numbers. Pure, so the figures'
// contents are tested without a browser; ReportChart turns a figure into an ECharts option.
import type { Report, ReportGroup, ReportView } from '../../../shared/reports';

export interface FigureSeries {
  name: string;
  /** One value per category (null: nothing to show). */
  values: (number | null)[];
}

export interface ReportFigureSpec {
  id: string;
  title: string;
  kind: 'bar' | 'line';
  /** The x axis: the groups' names, or the backlog's hours. */
  categories: string[];
  series: FigureSeries[];
  /** The unit of the chart's values ('min', '%', 'cases'). */
  unit: string;
  table: { columns: string[]; rows: string[][] };
}

export const REPORT_VIEWS: { value: ReportView; label: string; column: string }[] = [
  { value: 'byHandle', label: 'Handle', column: 'Handle' },
  { value: 'byAgent', label: 'Agent', column: 'Agent' },
  { value: 'byTag', label: 'Tag', column: 'Tag' },
];

const MINUTE_MS = 60_000;

/** "45 s", "12 min", "2 h 5 min", "3 d 4 h": a duration as an agent reads it. */
export function formatDuration(ms: number | null): string {
  if (ms === null) return '—';
  if (ms < MINUTE_MS) return `${Math.round(ms / 1000)} s`;
  const minutes = Math.round(ms / MINUTE_MS);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
  const days = Math.floor(hours / 24);
  return hours % 24 === 0 ? `${days} d` : `${days} d ${hours % 24} h`;
}

const inMinutes = (ms: number | null) => (ms === null ? null : Math.round((ms / MINUTE_MS) * 10) / 10);
const percent = (rate: number | null) => (rate === null ? '—' : `${Math.round(rate * 1000) / 10} %`);

/** A bucket's start as a label: the hour for hourly backlogs, the date for daily ones. */
export function bucketLabel(start: number, bucketMs: number): string {
  const date = new Date(start);
  const day = date.toLocaleDateString(undefined, { month: 'short', day: 'numeric' });
  return bucketMs < 86_400_000 ? `${day} ${date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })}` : day;
}

function durationFigure(id: string, title: string, groups: ReportGroup[], column: string, pick: (group: ReportGroup) => ReportGroup['firstResponse'], countName: string): ReportFigureSpec {
  return {
    id,
    title,
    kind: 'bar',
    categories: groups.map((group) => group.label),
    series: [
      { name: 'Median', values: groups.map((group) => inMinutes(pick(group).medianMs)) },
      { name: 'p90', values: groups.map((group) => inMinutes(pick(group).p90Ms)) },
    ],
    unit: 'min',
    table: {
      columns: [column, countName, 'Median', 'p90'],
      rows: groups.map((group) => [group.label, String(pick(group).count), formatDuration(pick(group).medianMs), formatDuration(pick(group).p90Ms)]),
    },
  };
}

/** The five figures of one grouping of the report. */
export function reportFigures(report: Report, view: ReportView): ReportFigureSpec[] {
  const groups = report[view];
  const column = REPORT_VIEWS.find((candidate) => candidate.value === view)?.column ?? 'Group';
  const names = groups.map((group) => group.label);
  const hours = report.buckets.map((start) => bucketLabel(start, report.bucketMs));
  return [
    {
      id: 'volume',
      title: 'Volume in and out',
      kind: 'bar',
      categories: names,
      series: [
        { name: 'Messages in', values: groups.map((group) => group.volumeIn) },
        { name: 'Replies out', values: groups.map((group) => group.volumeOut) },
      ],
      unit: 'messages',
      table: { columns: [column, 'Messages in', 'Replies out'], rows: groups.map((group) => [group.label, String(group.volumeIn), String(group.volumeOut)]) },
    },
    durationFigure('first-response', 'First-response time', groups, column, (group) => group.firstResponse, 'First responses'),
    durationFigure('resolution', 'Resolution time', groups, column, (group) => group.resolution, 'Resolved'),
    {
      id: 'sla',
      title: 'SLA hit rate',
      kind: 'bar',
      categories: names,
      series: [{ name: 'Hit rate', values: groups.map((group) => (group.sla.hitRate === null ? null : Math.round(group.sla.hitRate * 1000) / 10)) }],
      unit: '%',
      table: { columns: [column, 'Met', 'Missed', 'Hit rate'], rows: groups.map((group) => [group.label, String(group.sla.met), String(group.sla.missed), percent(group.sla.hitRate)]) },
    },
    {
      id: 'backlog',
      title: 'Backlog over time',
      kind: 'line',
      categories: hours,
      series: groups.map((group) => ({ name: group.label, values: group.backlog })),
      unit: 'cases',
      table: { columns: [report.bucketMs < 86_400_000 ? 'Hour' : 'Day', ...names], rows: hours.map((hour, index) => [hour, ...groups.map((group) => String(group.backlog[index] ?? 0))]) },
    },
  ];
}

/** The local calendar day (YYYY-MM-DD) `days` before today's. */
export function isoDay(now: Date, daysBefore = 0): string {
  const day = new Date(now.getFullYear(), now.getMonth(), now.getDate() - daysBefore);
  return `${day.getFullYear()}-${String(day.getMonth() + 1).padStart(2, '0')}-${String(day.getDate()).padStart(2, '0')}`;
}

/** [from, to) in milliseconds for the local days `fromDay` to `toDay`, both included; null when they do not read as a range. */
export function rangeOfDays(fromDay: string, toDay: string): { from: number; to: number } | null {
  const parse = (text: string) => {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
    return match ? new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : null;
  };
  const first = parse(fromDay);
  const last = parse(toDay);
  if (!first || !last || last < first) return null;
  return { from: first.getTime(), to: new Date(last.getFullYear(), last.getMonth(), last.getDate() + 1).getTime() };
}
