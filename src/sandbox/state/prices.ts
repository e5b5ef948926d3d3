// The sandbox's pay-per-use price table: what one write costs, in USD. X has no price endpoint
// (its rates are in the Developer Console and docs.x.com/x-api/getting-started/pricing); the
// sandbox publishes its own at GET /_sandbox/prices so clients can show a cost before sending.
// The defaults are X's published rates (Content: Create, Content: Create with URL, DM
// Interaction: Create); tests change them with POST /_sandbox/prices.

export interface SandboxPrices {
  /** A post or a reply without a URL. */
  post: number;
  /** A post or a reply whose text carries a URL. */
  post_with_url: number;
  /** One direct message. */
  dm: number;
}

export const DEFAULT_SANDBOX_PRICES: Readonly<SandboxPrices> = { post: 0.015, post_with_url: 0.2, dm: 0.015 };

export class PriceBook {
  private current: SandboxPrices = { ...DEFAULT_SANDBOX_PRICES };

  table(): SandboxPrices {
    return { ...this.current };
  }

  /** Changes the given prices; the others stay. */
  update(change: Partial<SandboxPrices>): SandboxPrices {
    this.current = { ...this.current, ...change };
    return this.table();
  }

  reset(): SandboxPrices {
    this.current = { ...DEFAULT_SANDBOX_PRICES };
    return this.table();
  }
}
