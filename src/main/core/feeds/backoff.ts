// X's reconnect rules for the filtered stream (../shared/x-api/README.md). The figures are a
// policy so tests can run the same rules on a shorter scale.

export type FailureKind = 'network' | 'http' | 'rate_limit';

export interface ReconnectPolicy {
  /** TCP/IP errors: back off linearly by this step... */
  networkStepMs: number;
  /** ...up to this. */
  networkMaxMs: number;
  /** HTTP errors: start here and double... */
  httpStartMs: number;
  /** ...up to this. */
  httpMaxMs: number;
  /** 429: start here and double. */
  rateLimitStartMs: number;
}

export const X_RECONNECT_POLICY: ReconnectPolicy = {
  networkStepMs: 250,
  networkMaxMs: 16_000,
  httpStartMs: 5_000,
  httpMaxMs: 320_000,
  rateLimitStartMs: 60_000,
};

export function reconnectDelayMs(kind: FailureKind, attempt: number, policy: ReconnectPolicy = X_RECONNECT_POLICY): number {
  const n = Math.max(1, attempt);
  switch (kind) {
    case 'network':
      return Math.min(policy.networkStepMs * n, policy.networkMaxMs);
    case 'http':
      return Math.min(policy.httpStartMs * 2 ** (n - 1), policy.httpMaxMs);
    case 'rate_limit':
      return policy.rateLimitStartMs * 2 ** (Math.min(n, 20) - 1);
  }
}
