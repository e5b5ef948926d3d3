// The official X API v2 spec (../shared/x-api/openapi.json beside the clone), turned into one
// JSON Schema document that ajv can compile, and an index of its operations.
//
// OpenAPI 3.0 is not plain JSON Schema; the differences handled here:
// - `nullable: true` becomes a union with null;
// - `discriminator` (Problem, Media) becomes if/then branches: a Problem whose `type` is
//   `…/invalid-request` must also match InvalidRequestProblem, and `type` must be one the spec
//   lists. Mapped schemas refer to the base (`…__base`) so the check does not recurse;
// - response and parameter schemas that are written inline get a home in the document, so their
//   `#/components/schemas/…` references resolve.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export const SPEC_PATH = fileURLToPath(new URL('../../../shared/x-api/openapi.json', import.meta.url));
export const DOCUMENT_ID = 'x-api-v2';

export interface SpecParameter {
  name: string;
  in: 'query' | 'path' | 'header' | 'cookie';
  required: boolean;
  /** Where the parameter's schema lives in the document (a JSON pointer fragment). */
  schemaRef: string;
  type: string | null;
}

export interface SpecOperationEntry {
  operationId: string;
  method: string;
  /** The spec's path template, e.g. /2/users/{id}/mentions. */
  path: string;
  segments: string[];
  literals: number;
  parameters: SpecParameter[];
  /** status ('200', '4XX', 'default') → content type → schema pointer. */
  responses: Record<string, Record<string, string>>;
}

export interface SpecDocument {
  version: string;
  document: JsonObject;
  operations: SpecOperationEntry[];
}

const isObject = (value: Json | undefined): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);
const SCHEMA_REF = '#/components/schemas/';

/** Follows `$ref`s of the spec (components of any kind). */
function resolver(spec: JsonObject): (node: Json | undefined) => Json | undefined {
  return (node) => {
    let current = node;
    while (isObject(current) && typeof current.$ref === 'string') {
      const ref: string = current.$ref;
      current = ref
        .replace(/^#\//, '')
        .split('/')
        .reduce<Json | undefined>((at, key) => (isObject(at) ? at[key.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined), spec);
    }
    return current;
  };
}

/** nullable → union with null, everywhere in a schema tree. */
export function withoutNullable(node: Json): Json {
  if (Array.isArray(node)) return node.map(withoutNullable);
  if (!isObject(node)) return node;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) if (key !== 'nullable') out[key] = withoutNullable(value);
  if (node.nullable !== true) return out;
  if (typeof out.type === 'string') {
    out.type = [out.type, 'null'];
    if (Array.isArray(out.enum)) out.enum = [...out.enum, null];
    return out;
  }
  return { anyOf: [out, { type: 'null' }] };
}

/** Rewrites discriminated schemas (see the header) in place in `schemas`. */
function expandDiscriminators(schemas: JsonObject): void {
  for (const [name, schema] of Object.entries(schemas)) {
    if (!isObject(schema) || !isObject(schema.discriminator)) continue;
    const { discriminator, ...rest } = schema;
    if (rest.oneOf || rest.anyOf || typeof discriminator.propertyName !== 'string' || !isObject(discriminator.mapping)) {
      schemas[name] = rest;
      continue;
    }
    const property = discriminator.propertyName;
    const base = `${name}__base`;
    schemas[base] = rest;
    const branches: Json[] = [];
    for (const [value, target] of Object.entries(discriminator.mapping)) {
      if (typeof target !== 'string') continue;
      const targetName = target.slice(SCHEMA_REF.length);
      schemas[targetName] = pointBaseRefs(schemas[targetName] ?? {}, `${SCHEMA_REF}${name}`, `${SCHEMA_REF}${base}`);
      branches.push({ if: { properties: { [property]: { const: value } }, required: [property] }, then: { $ref: target } });
    }
    schemas[name] = {
      allOf: [{ $ref: `${SCHEMA_REF}${base}` }, { properties: { [property]: { enum: Object.keys(discriminator.mapping) } } }, ...branches],
    };
  }
}

/** A mapped schema extends the discriminated one through allOf: point that reference at the base. */
function pointBaseRefs(node: Json, from: string, to: string): Json {
  if (!isObject(node) || !Array.isArray(node.allOf)) return node;
  return { ...node, allOf: node.allOf.map((part) => (isObject(part) && part.$ref === from ? { ...part, $ref: to } : part)) };
}

const safeKey = (text: string) => text.replace(/[^A-Za-z0-9_.-]/g, '_');

export function loadSpecDocument(path: string = SPEC_PATH): SpecDocument {
  const spec = JSON.parse(readFileSync(path, 'utf8')) as JsonObject;
  const resolve = resolver(spec);
  const components = isObject(spec.components) ? spec.components : {};
  const schemas = withoutNullable(isObject(components.schemas) ? components.schemas : {}) as JsonObject;
  expandDiscriminators(schemas);
  const inline: JsonObject = {};
  const home = (key: string, schema: Json | undefined): string => {
    if (isObject(schema) && typeof schema.$ref === 'string' && schema.$ref.startsWith(SCHEMA_REF) && Object.keys(schema).length === 1) return schema.$ref;
    inline[key] = withoutNullable(schema ?? {});
    return `#/inline/${key}`;
  };
  const operations: SpecOperationEntry[] = [];
  for (const [path, item] of Object.entries(isObject(spec.paths) ? spec.paths : {})) {
    if (!isObject(item)) continue;
    const shared = Array.isArray(item.parameters) ? item.parameters : [];
    for (const [method, raw] of Object.entries(item)) {
      if (!isObject(raw) || typeof raw.operationId !== 'string') continue;
      const operationId = raw.operationId;
      const parameters = [...shared, ...(Array.isArray(raw.parameters) ? raw.parameters : [])].map((p): SpecParameter => {
        const parameter = resolve(p) as JsonObject;
        const schema = resolve(parameter.schema) ?? {};
        const name = String(parameter.name);
        return {
          name,
          in: parameter.in as SpecParameter['in'],
          required: parameter.required === true,
          schemaRef: home(`${safeKey(operationId)}__param__${safeKey(name)}`, parameter.schema),
          type: isObject(schema) && typeof schema.type === 'string' ? schema.type : null,
        };
      });
      const responses: Record<string, Record<string, string>> = {};
      for (const [status, rawResponse] of Object.entries(isObject(raw.responses) ? raw.responses : {})) {
        const response = resolve(rawResponse);
        if (!isObject(response) || !isObject(response.content)) continue;
        responses[status] = {};
        for (const [type, media] of Object.entries(response.content)) {
          if (isObject(media)) responses[status][type] = home(`${safeKey(operationId)}__${status}__${safeKey(type)}`, media.schema);
        }
      }
      const segments = path.split('/').filter(Boolean);
      operations.push({ operationId, method: method.toUpperCase(), path, segments, literals: segments.filter((s) => !s.startsWith('{')).length, parameters, responses });
    }
  }
  operations.sort((a, b) => b.literals - a.literals);
  const info = isObject(spec.info) ? spec.info : {};
  return { version: String(info.version), document: { $id: DOCUMENT_ID, components: { schemas }, inline }, operations };
}

/** The operation for a concrete request path, literal segments winning over parameters. */
export function matchOperation(operations: readonly SpecOperationEntry[], method: string, path: string): { operation: SpecOperationEntry; params: Record<string, string> } | null {
  const parts = path.split('/').filter(Boolean);
  for (const operation of operations) {
    if (operation.method !== method.toUpperCase() || operation.segments.length !== parts.length) continue;
    const params: Record<string, string> = {};
    const matches = operation.segments.every((segment, index) => {
      const part = parts[index]!;
      if (!segment.startsWith('{')) return segment === part;
      params[segment.slice(1, -1)] = decodeURIComponent(part);
      return true;
    });
    if (matches) return { operation, params };
  }
  return null;
}
