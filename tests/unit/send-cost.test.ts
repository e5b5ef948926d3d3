// The price shown before Send: a reply without a URL is a post, one with a URL (as X extracts it,
// with or without http://) the dearer "post with URL", a DM a DM whatever it says; an unknown
// price is said as unknown, and amounts read as money.
import { describe, expect, it } from 'vitest';
import { addUsd, costLabel, daySpendLabel, formatUsd, priceOf, UNKNOWN_PRICES, type SendPriceTable } from '../../src/shared/send-cost';

const X_RATES: SendPriceTable = { post: 0.015, postWithUrl: 0.2, dm: 0.015 };

describe('pricing a send', () => {
  it('a reply is a post until its text carries a URL', () => {
    expect(priceOf(X_RATES, 'post', 'Sorry about the delay, we are on it')).toEqual({ action: 'post', usd: 0.015 });
    expect(priceOf(X_RATES, 'post', 'Rebook here: https://acmeair.com/rebook')).toEqual({ action: 'postWithUrl', usd: 0.2 });
    expect(priceOf(X_RATES, 'post', 'See acme.com/help for details')).toEqual({ action: 'postWithUrl', usd: 0.2 });
  });

  it('words with dots that are no URL, and @mentions, stay a plain post', () => {
    expect(priceOf(X_RATES, 'post', '@casey_care thanks... we fixed it.Promise')).toEqual({ action: 'post', usd: 0.015 });
  });

  it('a DM costs a DM, with or without a URL', () => {
    expect(priceOf(X_RATES, 'dm', 'Your booking: https://acmeair.com/b/AB1234')).toEqual({ action: 'dm', usd: 0.015 });
  });

  it('a price nobody gave is unknown, and the composer says so', () => {
    const cost = priceOf(UNKNOWN_PRICES, 'post', 'hello');
    expect(cost.usd).toBeNull();
    expect(costLabel(cost)).toBe('Price unknown');
    expect(costLabel(priceOf({ ...UNKNOWN_PRICES, post: 0.01 }, 'post', 'see x.com'))).toBe('Price unknown');
  });

  it('amounts read as money: cents always, a third decimal only when there is one', () => {
    expect(costLabel(priceOf(X_RATES, 'post', 'hi'))).toBe('Costs $0.015');
    expect(costLabel(priceOf(X_RATES, 'post', 'https://x.com'))).toBe('Costs $0.20');
    expect(formatUsd(0)).toBe('$0.00');
    expect(formatUsd(1)).toBe('$1.00');
    expect(formatUsd(0.07)).toBe('$0.07');
  });

  it('sums without float dust', () => {
    let total = 0;
    for (let index = 0; index < 10; index++) total = addUsd(total, 0.1);
    expect(total).toBe(1);
    expect(addUsd(0.015, 0.015)).toBe(0.03);
  });

  it('the header says the day’s spend and how many sends had no price', () => {
    const spend = { accountId: '1', day: '2026-12-03', usd: 0.215, sends: 3, unpricedSends: 0, thisDesktopOnly: false };
    expect(daySpendLabel(spend)).toBe('$0.215 today');
    expect(daySpendLabel({ ...spend, unpricedSends: 1 })).toBe('$0.215 today + 1 unpriced');
  });
});
