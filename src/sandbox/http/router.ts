// Matches method + path to a route. Literal segments beat parameters, so /2/users/me wins over
// /2/users/:id whatever the order routes were added in.
import { OPERATIONS } from '../spec/operations';
import type { SpecOperation } from '../spec/types';
import type { Handler, Route } from './types';

export interface ResolvedRoute {
  method: string;
  path: string;
  operation: SpecOperation | null;
  admin: boolean;
  handle: Handler;
  segments: string[];
  literals: number;
}

export interface RouteMatch {
  route: ResolvedRoute;
  params: Record<string, string>;
}

const OPERATIONS_BY_ID = new Map(OPERATIONS.map((operation) => [operation.operationId, operation]));

export function operationById(operationId: string): SpecOperation {
  const operation = OPERATIONS_BY_ID.get(operationId);
  if (!operation) throw new Error(`no operation ${operationId} in src/sandbox/spec/operations.ts (add it in scripts/generate-sandbox-operations.mjs)`);
  return operation;
}

function resolve(route: Route): ResolvedRoute {
  if ('operationId' in route) {
    const operation = operationById(route.operationId);
    const path = operation.path.replace(/\{(\w+)\}/g, ':$1');
    return build(operation.method, path, operation, false, route.handle);
  }
  return build(route.method, route.path, null, route.admin ?? false, route.handle);
}

function build(method: string, path: string, operation: SpecOperation | null, admin: boolean, handle: Handler): ResolvedRoute {
  const segments = path.split('/').filter(Boolean);
  return { method, path, operation, admin, handle, segments, literals: segments.filter((s) => !s.startsWith(':')).length };
}

export class Router {
  private readonly routes: ResolvedRoute[] = [];

  constructor(routes: readonly Route[]) {
    for (const route of routes) {
      const resolved = resolve(route);
      if (this.routes.some((r) => r.method === resolved.method && r.path === resolved.path)) {
        throw new Error(`two sandbox routes for ${resolved.method} ${resolved.path}`);
      }
      this.routes.push(resolved);
    }
    this.routes.sort((a, b) => b.literals - a.literals);
  }

  list(): readonly ResolvedRoute[] {
    return this.routes;
  }

  /** The route for this method and path, with its path parameters. */
  match(method: string, path: string): RouteMatch | null {
    const parts = path.split('/').filter(Boolean);
    for (const route of this.routes) {
      if (route.method !== method || route.segments.length !== parts.length) continue;
      const params = matchSegments(route.segments, parts);
      if (params) return { route, params };
    }
    return null;
  }
}

function matchSegments(segments: readonly string[], parts: readonly string[]): Record<string, string> | null {
  const params: Record<string, string> = {};
  for (let index = 0; index < segments.length; index++) {
    const segment = segments[index]!;
    const part = parts[index]!;
    if (segment.startsWith(':')) {
      try {
        params[segment.slice(1)] = decodeURIComponent(part);
      } catch {
        return null;
      }
    } else if (segment !== part) return null;
  }
  return params;
}
