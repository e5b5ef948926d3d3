// Conformance harness over the official X API v2 spec (../shared/x-api/openapi.json):
// - validateResponse(method, path, status, body): the JSON body against the response schema the
//   spec gives that operation and status (Problem bodies against the error schemas);
// - auditRequests(requests): every request matches an operation, and its query and path
//   parameters are declared there and within their enums and bounds.
// Any test can use it: the sandbox's own tests, the columns engine's, the accounts'.
//
// The OAuth 2.0 endpoints are not in the OpenAPI file; X documents them elsewhere
// (docs.x.com, OAuth 2.0 Authorization Code Flow with PKCE). They are checked against the
// small schemas in OAUTH_ENDPOINTS below, written from that documentation.
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { DOCUMENT_ID, loadSpecDocument, matchOperation, type Json, type JsonObject, type SpecDocument, type SpecOperationEntry } from './spec-document';

export { SPEC_PATH } from './spec-document';

export interface ValidationResult {
  ok: boolean;
  /** The operation the request matched (spec operationId, or "oauth2:…" for the OAuth endpoints). */
  operation: string | null;
  errors: string[];
}

export interface AuditedRequest {
  method: string;
  path: string;
  query: Readonly<Record<string, string>>;
}

export interface AuditFinding {
  request: string;
  problem: string;
}

const TOKEN_RESPONSE: JsonObject = {
  type: 'object',
  required: ['token_type', 'expires_in', 'access_token', 'scope'],
  additionalProperties: false,
  properties: {
    token_type: { const: 'bearer' },
    expires_in: { type: 'integer', minimum: 1 },
    access_token: { type: 'string', minLength: 1 },
    scope: { type: 'string' },
    refresh_token: { type: 'string', minLength: 1 },
  },
};
const OAUTH_ERROR: JsonObject = {
  type: 'object',
  required: ['error'],
  properties: { error: { type: 'string', minLength: 1 }, error_description: { type: 'string' } },
};

interface OAuthEndpoint {
  id: string;
  query: Readonly<Record<string, JsonObject>>;
  required: readonly string[];
  /** Schema of a 200 answer; errors (4xx) answer OAUTH_ERROR. Null: not JSON (pages, redirects). */
  ok: JsonObject | null;
}

/** X's OAuth 2.0 endpoints (not in the OpenAPI file), with the parameters X documents. */
const OAUTH_ENDPOINTS: Readonly<Record<string, OAuthEndpoint>> = {
  'GET /i/oauth2/authorize': {
    id: 'oauth2:authorize',
    query: {
      response_type: { enum: ['code'] },
      client_id: { type: 'string', minLength: 1 },
      redirect_uri: { type: 'string', format: 'uri' },
      scope: { type: 'string', minLength: 1 },
      state: { type: 'string', minLength: 1, maxLength: 500 },
      code_challenge: { type: 'string', pattern: '^[A-Za-z0-9._~-]{43,128}$' },
      code_challenge_method: { enum: ['S256', 'plain'] },
    },
    required: ['response_type', 'client_id', 'redirect_uri', 'scope', 'state', 'code_challenge', 'code_challenge_method'],
    ok: null,
  },
  'POST /i/oauth2/authorize': { id: 'oauth2:consent', query: {}, required: [], ok: null },
  'POST /2/oauth2/token': { id: 'oauth2:token', query: {}, required: [], ok: TOKEN_RESPONSE },
  'POST /2/oauth2/revoke': {
    id: 'oauth2:revoke',
    query: {},
    required: [],
    ok: { type: 'object', required: ['revoked'], additionalProperties: false, properties: { revoked: { type: 'boolean' } } },
  },
};

interface Harness {
  spec: SpecDocument;
  ajv: Ajv;
  compiled: Map<string, ValidateFunction>;
}

let harness: Harness | null = null;

function load(): Harness {
  if (harness) return harness;
  const spec = loadSpecDocument();
  const ajv = new Ajv({ strict: true, strictTypes: false, strictRequired: false, strictTuples: false, allowUnionTypes: true, allErrors: true });
  addFormats(ajv);
  // OpenAPI's own formats: 'long' and 'integer' are integers; 'data-time' is the spec's typo for
  // date-time; one schema puts a pattern in `format`.
  ajv.addFormat('long', { type: 'number', validate: (value: number) => Number.isInteger(value) });
  ajv.addFormat('integer', { type: 'number', validate: (value: number) => Number.isInteger(value) });
  ajv.addFormat('data-time', { type: 'string', validate: (value: string) => ajv.validate({ type: 'string', format: 'date-time' }, value) });
  ajv.addFormat('^[0-9]{1,19}$', /^[0-9]{1,19}$/);
  // Annotations OpenAPI adds, and the document's two containers (not keywords: places refs point into).
  ajv.addVocabulary(['example', 'externalDocs', 'xml', 'x-twitter-streaming', 'components', 'inline']);
  ajv.addSchema(spec.document as object, DOCUMENT_ID);
  harness = { spec, ajv, compiled: new Map() };
  return harness;
}

function validator(key: string, schema: () => object): ValidateFunction {
  const h = load();
  let compiled = h.compiled.get(key);
  if (!compiled) h.compiled.set(key, (compiled = h.ajv.compile(schema())));
  return compiled;
}

const byPointer = (pointer: string) => validator(pointer, () => ({ $ref: `${DOCUMENT_ID}${pointer}` }));

function describe(errors: ErrorObject[] | null | undefined, root = '(body)'): string[] {
  return (errors ?? []).map((error) => `${error.instancePath || root} ${error.message ?? 'is invalid'}${error.params && Object.keys(error.params).length > 0 ? ` ${JSON.stringify(error.params)}` : ''}`);
}

const isProblemBody = (body: unknown): boolean =>
  typeof body === 'object' && body !== null && typeof (body as { type?: unknown }).type === 'string' && typeof (body as { title?: unknown }).title === 'string';

/** The schema pointer for a status: exact, then 4XX-style, then default; problem+json for Problem bodies. */
function responsePointer(operation: SpecOperationEntry, status: number, body: unknown): string | null {
  const content = operation.responses[String(status)] ?? operation.responses[`${String(status)[0]}XX`] ?? operation.responses.default;
  if (!content) return null;
  if (isProblemBody(body) && content['application/problem+json']) return content['application/problem+json'];
  return content['application/json'] ?? Object.values(content)[0] ?? null;
}

export function validateResponse(method: string, path: string, status: number, body: unknown): ValidationResult {
  const oauth = OAUTH_ENDPOINTS[`${method.toUpperCase()} ${path}`];
  if (oauth) {
    const schema = status === 200 ? oauth.ok : OAUTH_ERROR;
    if (!schema) return { ok: false, operation: oauth.id, errors: [`${oauth.id} does not answer JSON`] };
    const validate = validator(`oauth:${oauth.id}:${status === 200 ? 'ok' : 'error'}`, () => schema);
    return validate(body) ? { ok: true, operation: oauth.id, errors: [] } : { ok: false, operation: oauth.id, errors: describe(validate.errors) };
  }
  const matched = matchOperation(load().spec.operations, method, path);
  if (!matched) return { ok: false, operation: null, errors: [`no operation in the spec for ${method} ${path}`] };
  const { operationId } = matched.operation;
  const pointer = responsePointer(matched.operation, status, body);
  if (!pointer) return { ok: false, operation: operationId, errors: [`${operationId} declares no response for status ${status}`] };
  const validate = byPointer(pointer);
  return validate(body) ? { ok: true, operation: operationId, errors: [] } : { ok: false, operation: operationId, errors: describe(validate.errors) };
}

/** A query or path value as the spec's schema types it (arrays are comma-separated: style form, explode false). */
function typedValue(type: string | null, raw: string): Json {
  switch (type) {
    case 'array':
      return raw.split(',');
    case 'integer':
    case 'number':
      return /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw;
    case 'boolean':
      return raw === 'true' ? true : raw === 'false' ? false : raw;
    default:
      return raw;
  }
}

function auditOne(request: AuditedRequest): string[] {
  const label = `${request.method} ${request.path}`;
  const oauth = OAUTH_ENDPOINTS[label];
  if (oauth) {
    const problems = Object.keys(request.query).filter((name) => !(name in oauth.query)).map((name) => `query parameter "${name}" is not one ${oauth.id} documents`);
    for (const name of oauth.required) if (request.query[name] === undefined) problems.push(`required query parameter "${name}" is missing`);
    for (const [name, value] of Object.entries(request.query)) {
      const schema = oauth.query[name];
      if (!schema) continue;
      const validate = validator(`oauth:${oauth.id}:query:${name}`, () => schema);
      if (!validate(value)) problems.push(`query parameter "${name}"=${JSON.stringify(value)}: ${describe(validate.errors, '(value)').join('; ')}`);
    }
    return problems;
  }
  const matched = matchOperation(load().spec.operations, request.method, request.path);
  if (!matched) return ['matches no operation in the spec'];
  const { operation, params } = matched;
  const problems: string[] = [];
  const declared = new Map(operation.parameters.filter((p) => p.in === 'query').map((p) => [p.name, p]));
  for (const name of Object.keys(request.query)) if (!declared.has(name)) problems.push(`query parameter "${name}" is not declared by ${operation.operationId}`);
  for (const parameter of operation.parameters) {
    if (parameter.in !== 'query' && parameter.in !== 'path') continue;
    const raw = parameter.in === 'query' ? request.query[parameter.name] : params[parameter.name];
    if (raw === undefined) {
      if (parameter.required) problems.push(`required ${parameter.in} parameter "${parameter.name}" is missing`);
      continue;
    }
    const validate = byPointer(parameter.schemaRef);
    if (!validate(typedValue(parameter.type, raw))) problems.push(`${parameter.in} parameter "${parameter.name}"=${JSON.stringify(raw)}: ${describe(validate.errors, '(value)').join('; ')}`);
  }
  return problems;
}

/** Every problem found in the requests; an empty list when all of them conform. */
export function auditRequests(requests: readonly AuditedRequest[]): AuditFinding[] {
  const findings: AuditFinding[] = [];
  for (const request of requests) {
    const query = new URLSearchParams(request.query as Record<string, string>).toString();
    const label = `${request.method} ${request.path}${query ? `?${query}` : ''}`;
    for (const problem of auditOne(request)) findings.push({ request: label, problem });
  }
  return findings;
}

/** The spec operationId a request matches, or null. */
export function operationFor(method: string, path: string): string | null {
  return OAUTH_ENDPOINTS[`${method.toUpperCase()} ${path}`]?.id ?? matchOperation(load().spec.operations, method, path)?.operation.operationId ?? null;
}

/** The spec's info.version. */
/** The validator with the spec loaded (its formats and vocabulary declared), for schemas of one's own that point into the spec. */
export function specAjv(): Ajv {
  return load().ajv;
}

export function specVersion(): string {
  return load().spec.version;
}

/** One answer as the sandbox's observer reports it (SandboxExchange), or as a test client saw it. */
export interface ObservedExchange {
  method: string;
  path: string;
  status: number;
  content_type: string | null;
  body: string | null;
}

export interface ExchangeReport {
  /** JSON answers validated against the spec (and stream lines). */
  checked: number;
  /** One line per answer that does not conform. */
  failures: string[];
  /** The operations answered with a 2xx, by spec operationId (or "oauth2:…"). */
  succeeded: Set<string>;
}

const STREAM_PATH = '/2/tweets/search/stream';

/**
 * Validates every JSON answer (and every filtered-stream line) against the spec. Answers that
 * are not JSON (the consent page, redirects, a dropped connection) are not checked; a JSON
 * answer to a path the spec does not have is a failure.
 */
export function checkExchanges(exchanges: readonly ObservedExchange[], streamLines: readonly string[] = []): ExchangeReport {
  const report: ExchangeReport = { checked: 0, failures: [], succeeded: new Set() };
  const check = (label: string, method: string, path: string, status: number, text: string) => {
    report.checked += 1;
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      report.failures.push(`${label}: not JSON: ${text.slice(0, 120)}`);
      return;
    }
    const result = validateResponse(method, path, status, body);
    if (!result.ok) report.failures.push(`${label}: ${result.errors.join('; ')} — body ${text.slice(0, 300)}`);
    else if (status < 300 && result.operation) report.succeeded.add(result.operation);
  };
  for (const exchange of exchanges) {
    if (exchange.body === null || exchange.body === '' || !/json/.test(exchange.content_type ?? '')) continue;
    check(`${exchange.method} ${exchange.path} → ${exchange.status}`, exchange.method, exchange.path, exchange.status, exchange.body);
  }
  for (const line of streamLines) check(`stream line`, 'GET', STREAM_PATH, 200, line);
  return report;
}
