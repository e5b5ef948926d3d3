// GET /2/usage/tweets (app Bearer token): the posts the app has read this month against its
// project cap, in the spec's Usage shape. Without usage.fields it answers project_id,
// project_cap, project_usage and cap_reset_day; daily_project_usage and daily_client_app_usage
// (one entry per UTC day of the last `days`, default 7, zero days included) only when asked.
// Tiers without a monthly cap (pay-per-use is billed per post) answer no project_cap.
import type { SandboxContext } from '../context';
import { json, type Route, type SandboxRequest } from '../http/types';

/** The sandbox's one project and one client app; small numbers, as the spec types them int32. */
export const SANDBOX_PROJECT_ID = 1_580_001;
export const SANDBOX_CLIENT_APP_ID = '29000001';
const DEFAULT_FIELDS = ['project_id', 'project_cap', 'project_usage', 'cap_reset_day'];
const DAY_MS = 86_400_000;

/** Whole days until the month turns (UTC), when the monthly cap resets. */
function daysUntilReset(now: number): number {
  const date = new Date(now);
  const nextMonth = Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
  return Math.ceil((nextMonth - now) / DAY_MS);
}

function dailyUsage(context: SandboxContext, days: number): { date: string; usage: number }[] {
  const counts = new Map(context.usage.days().map((day) => [day.date, day.count]));
  const today = Math.floor(context.clock.now() / DAY_MS) * DAY_MS;
  const out: { date: string; usage: number }[] = [];
  for (let index = days - 1; index >= 0; index--) {
    const date = new Date(today - index * DAY_MS).toISOString();
    out.push({ date, usage: counts.get(date.slice(0, 10)) ?? 0 });
  }
  return out;
}

function usage(request: SandboxRequest, context: SandboxContext) {
  const wanted = new Set(request.query['usage.fields'] ? request.query['usage.fields'].split(',') : DEFAULT_FIELDS);
  const days = request.query.days ? Number(request.query.days) : 7;
  const data: Record<string, unknown> = {};
  if (wanted.has('project_id')) data.project_id = String(SANDBOX_PROJECT_ID);
  if (wanted.has('project_cap') && context.usage.cap !== null) data.project_cap = context.usage.cap;
  if (wanted.has('project_usage')) data.project_usage = context.usage.monthToDate();
  if (wanted.has('cap_reset_day')) data.cap_reset_day = daysUntilReset(context.clock.now());
  if (wanted.has('daily_project_usage')) data.daily_project_usage = { project_id: SANDBOX_PROJECT_ID, usage: dailyUsage(context, days) };
  if (wanted.has('daily_client_app_usage')) {
    const daily = dailyUsage(context, days);
    data.daily_client_app_usage = [{ client_app_id: SANDBOX_CLIENT_APP_ID, usage: daily, usage_result_count: daily.length }];
  }
  return json(200, { data });
}

export const routes: Route[] = [{ operationId: 'getUsage', handle: usage }];
