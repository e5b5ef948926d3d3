// The filtered stream and its rules. One connection per app on self-serve access (a second one
// gets X's TooManyConnections problem); rules are added (with tags), deleted by id or value,
// and checked with dry_run, answering X's per-rule errors.
import type { SandboxContext } from '../context';
import { problems } from '../http/problems';
import { json, type Route, type SandboxRequest } from '../http/types';
import { compareIds } from '../state/ids';
import type { StreamRule } from '../state/rules';
import { bodyJson, fields, isRecord } from './common';

const ENTERPRISE_ONLY = ['backfill_minutes', 'start_time', 'end_time'];

const sent = (context: SandboxContext) => new Date(context.clock.now()).toISOString();
const wireRule = (rule: StreamRule) => (rule.tag !== undefined ? { id: rule.id, value: rule.value, tag: rule.tag } : { id: rule.id, value: rule.value });
const bodyError = (message: string) => problems.invalidRequest([{ parameters: {}, message }]);

function openStream(request: SandboxRequest, context: SandboxContext) {
  const enterprise = ENTERPRISE_ONLY.find((name) => request.query[name] !== undefined);
  if (enterprise) {
    throw problems.invalidRequest([{ parameters: { [enterprise]: [request.query[enterprise]!] }, message: `The \`${enterprise}\` query parameter is only available with Enterprise access` }]);
  }
  if (context.streams.openCount >= context.tier.streamConnections) throw problems.tooManyConnections();
  const selection = fields(request);
  return { kind: 'stream' as const, start: (res: Parameters<typeof context.streams.open>[0]) => context.streams.open(res, selection, context.faults.takeStreamFaults()) };
}

function listRules(request: SandboxRequest, context: SandboxContext) {
  const wanted = request.query.ids ? new Set(request.query.ids.split(',')) : null;
  const all = context.rules
    .list()
    .filter((rule) => !wanted || wanted.has(rule.id))
    .sort((a, b) => compareIds(a.id, b.id));
  const max = request.query.max_results ? Number(request.query.max_results) : 1_000;
  const token = request.query.pagination_token;
  const start = token ? Number.parseInt(token, 36) : 0;
  if (token && (!Number.isSafeInteger(start) || start < 0 || start > all.length)) {
    throw problems.invalidRequest([{ parameters: { pagination_token: [token] }, message: `The \`pagination_token\` query parameter value [${token}] is not valid` }]);
  }
  const page = all.slice(start, start + max);
  const meta: Record<string, unknown> = { sent: sent(context), result_count: page.length };
  if (start + max < all.length) meta.next_token = (start + max).toString(36).padStart(16, '0');
  return json(200, page.length > 0 ? { data: page.map(wireRule), meta } : { meta });
}

function parseAdd(value: unknown): { value: string; tag?: string }[] {
  if (!Array.isArray(value)) throw bodyError('$.add: array expected');
  return value.map((item, index) => {
    if (!isRecord(item) || typeof item.value !== 'string') throw bodyError(`$.add[${index}].value: string expected`);
    if (item.tag !== undefined && typeof item.tag !== 'string') throw bodyError(`$.add[${index}].tag: string expected`);
    return item.tag !== undefined ? { value: item.value, tag: item.tag as string } : { value: item.value };
  });
}

function parseDelete(value: unknown): { ids: string[]; values: string[] } {
  if (!isRecord(value)) throw bodyError('$.delete: object expected');
  const strings = (list: unknown, name: string) => {
    if (list === undefined) return [];
    if (!Array.isArray(list) || !list.every((item) => typeof item === 'string')) throw bodyError(`$.delete.${name}: array of strings expected`);
    return list as string[];
  };
  return { ids: strings(value.ids, 'ids'), values: strings(value.values, 'values') };
}

function updateRules(request: SandboxRequest, context: SandboxContext) {
  const dryRun = request.query.dry_run === 'true';
  if (request.query.delete_all === 'true') {
    const count = dryRun ? context.rules.size : context.rules.clear();
    return json(200, { meta: { sent: sent(context), summary: { deleted: count, not_deleted: 0 } } });
  }
  const body = bodyJson(request);
  if (!isRecord(body) || (body.add === undefined) === (body.delete === undefined)) {
    throw bodyError('$: the body must have exactly one of `add` or `delete`');
  }
  if (body.add !== undefined) {
    const outcome = context.rules.add(parseAdd(body.add), { maxRules: context.tier.maxRules, maxLength: context.tier.ruleLength }, dryRun);
    const answer: Record<string, unknown> = {};
    if (outcome.created.length > 0) answer.data = outcome.created.map(wireRule);
    answer.meta = { sent: sent(context), summary: outcome.summary };
    if (outcome.errors.length > 0) answer.errors = outcome.errors;
    return json(200, answer);
  }
  const { ids, values } = parseDelete(body.delete);
  const outcome = context.rules.delete(ids, values, dryRun);
  return json(200, { meta: { sent: sent(context), summary: outcome.summary }, ...(outcome.errors.length > 0 ? { errors: outcome.errors } : {}) });
}

export const routes: Route[] = [
  { operationId: 'streamPosts', handle: openStream },
  { operationId: 'getRules', handle: listRules },
  { operationId: 'updateRules', handle: updateRules },
];
