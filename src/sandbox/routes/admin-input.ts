// Reading admin API bodies: small typed readers that answer 400 {error} with a clear message.
import type { JsonReply, SandboxRequest } from '../http/types';
import { json } from '../http/types';
import { isRecord } from './common';

/** Thrown by the readers; the admin routes answer it as 400 {error}. */
export class AdminInputError extends Error {}

export function adminBody(request: SandboxRequest): Record<string, unknown> {
  const raw = request.body.toString('utf8');
  let body: unknown;
  try {
    body = raw === '' ? {} : JSON.parse(raw);
  } catch {
    throw new AdminInputError('the body must be JSON');
  }
  if (!isRecord(body)) throw new AdminInputError('the body must be a JSON object');
  return body;
}

export function optionalString(body: Record<string, unknown>, name: string): string | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new AdminInputError(`${name} must be a string`);
  return value;
}

export function requiredString(body: Record<string, unknown>, name: string): string {
  const value = optionalString(body, name);
  if (value === undefined || value === '') throw new AdminInputError(`${name} is required`);
  return value;
}

export function optionalNumber(body: Record<string, unknown>, name: string, min = -Infinity, max = Infinity): number | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw new AdminInputError(`${name} must be a number between ${min} and ${max}`);
  }
  return value;
}

export function optionalBoolean(body: Record<string, unknown>, name: string): boolean | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw new AdminInputError(`${name} must be true or false`);
  return value;
}

export function optionalStrings(body: Record<string, unknown>, name: string): string[] | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) throw new AdminInputError(`${name} must be an array of strings`);
  return value as string[];
}

/** A time given as an ISO 8601 string or epoch milliseconds. */
export function optionalTime(body: Record<string, unknown>, name: string): number | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  const time = typeof value === 'number' ? value : typeof value === 'string' ? Date.parse(value) : Number.NaN;
  if (!Number.isFinite(time)) throw new AdminInputError(`${name} must be an ISO 8601 time or epoch milliseconds`);
  return time;
}

/** Runs an admin handler, answering bad input with 400 {error}. */
export function guarded(run: () => JsonReply): JsonReply {
  try {
    return run();
  } catch (error) {
    if (error instanceof AdminInputError || error instanceof RangeError) return json(400, { error: error.message });
    throw error;
  }
}
