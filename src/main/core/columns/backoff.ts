// X's reconnect rules for the filtered stream (../shared/x-api/README.md).

export type FailureKind = 'network' | 'http' | 'rate_limit';

export function reconnectDelayMs(kind: FailureKind, attempt: number): number {
  const n = Math.max(1, attempt);
  switch (kind) {
    case 'network':
      return Math.min(250 * n, 16_000);
    case 'http':
      return Math.min(5_000 * 2 ** (n - 1), 320_000);
    case 'rate_limit':
      return 60_000 * 2 ** (n - 1);
  }
}
