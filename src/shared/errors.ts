// Error codes every host and the renderer understand. Messages are for people; codes for code.

export type ErrorCode =
  | 'invalid_input'
  | 'unknown_method'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'upstream'
  | 'unavailable'
  | 'internal';

export interface RpcErrorBody {
  code: ErrorCode;
  message: string;
}

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: RpcErrorBody };

/** Thrown by the core for expected failures; the dispatcher turns it into an error envelope. */
export class DeckhandError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'DeckhandError';
    this.code = code;
  }
}

export function isEnvelope(value: unknown): value is Envelope<unknown> {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false;
  const candidate = value as { ok: unknown; error?: unknown };
  if (candidate.ok === true) return 'value' in value;
  if (candidate.ok !== false || typeof candidate.error !== 'object' || candidate.error === null) return false;
  const error = candidate.error as { code?: unknown; message?: unknown };
  return typeof error.code === 'string' && typeof error.message === 'string';
}
