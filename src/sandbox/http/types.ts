// What route handlers see and return.
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { SpecOperation } from '../spec/types';
import type { IssuedToken } from '../state/tokens';
import type { SandboxUser } from '../state/users';
import type { SandboxContext } from '../context';
import type { ProblemReply } from './problems';

/** Who is calling: nobody, the app (Bearer token) or a user (OAuth 2.0 user token). */
export type Caller = { kind: 'none' } | { kind: 'app'; token: IssuedToken } | { kind: 'user'; token: IssuedToken; user: SandboxUser };

export interface SandboxRequest {
  method: string;
  path: string;
  query: Readonly<Record<string, string>>;
  /** Path parameters (`:id` in the route, `{id}` in the spec). */
  params: Readonly<Record<string, string>>;
  headers: IncomingHttpHeaders;
  body: Buffer;
  caller: Caller;
  operation: SpecOperation | null;
  raw: IncomingMessage;
}

export interface JsonReply {
  kind: 'json';
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export interface TextReply {
  kind: 'text';
  status: number;
  body: string;
  contentType: string;
  headers?: Record<string, string>;
}

/** Takes over the response (the filtered stream). */
export interface StreamReply {
  kind: 'stream';
  start(res: ServerResponse): void;
}

export type Reply = JsonReply | TextReply | StreamReply | ProblemReply;

export type Handler = (request: SandboxRequest, context: SandboxContext) => Reply | Promise<Reply>;

/**
 * A route: either an X API operation named by its spec operationId (method, path, security and
 * parameters then come from the spec table), or a plain method + path (admin API, OAuth pages).
 */
export type Route =
  | { operationId: string; handle: Handler }
  | { method: 'GET' | 'POST' | 'PUT' | 'DELETE'; path: string; handle: Handler; admin?: boolean };

export const json = (status: number, body: unknown, headers?: Record<string, string>): JsonReply => ({ kind: 'json', status, body, ...(headers ? { headers } : {}) });
export const text = (status: number, body: string, contentType = 'text/plain; charset=utf-8'): TextReply => ({ kind: 'text', status, body, contentType });
