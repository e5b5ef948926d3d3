// X failures → clear, token-free messages for people.
import { ApiPartialResponseError, ApiRequestError, ApiResponseError } from 'twitter-api-v2';
import { DeckhandError } from '../../../shared/errors';

export function describeXError(error: unknown): string {
  if (error instanceof ApiResponseError) {
    const data = error.data as { detail?: unknown; title?: unknown; errors?: { message?: unknown }[] } | undefined;
    const detail = typeof data?.detail === 'string' ? data.detail : typeof data?.title === 'string' ? data.title : null;
    const first = data?.errors?.[0]?.message;
    return `X answered ${error.code}${detail ? `: ${detail}` : typeof first === 'string' ? `: ${first}` : ''}`;
  }
  if (error instanceof ApiRequestError) return `X could not be reached (${error.requestError.message})`;
  if (error instanceof ApiPartialResponseError) return 'X closed the response before it was complete';
  return error instanceof Error ? error.message : String(error);
}

export function httpStatusOf(error: unknown): number | null {
  return error instanceof ApiResponseError ? error.code : null;
}

/** X's failure as a DeckhandError for people; one of ours (no token, not connected) passes as it is. */
export function toDeckhandError(action: string, error: unknown): DeckhandError {
  if (error instanceof DeckhandError) return error;
  const status = httpStatusOf(error);
  const code = status === 404 ? 'not_found' : status === null ? 'unavailable' : 'upstream';
  return new DeckhandError(code, `${action}: ${describeXError(error)}`);
}
