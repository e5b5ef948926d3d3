// Admin API (not X): the sandbox's pay-per-use price table (state/prices.ts). X publishes its
// rates only in its console; clients read these to show what a post, a post with a URL or a DM
// costs before sending.
import type { SandboxContext } from '../context';
import { json, type Route, type SandboxRequest } from '../http/types';
import type { SandboxPrices } from '../state/prices';
import { adminBody, guarded, optionalNumber } from './admin-input';

const PRICE_NAMES = ['post', 'post_with_url', 'dm'] as const;
/** No X write costs more than a few dollars; a bigger figure is a typo. */
const MAX_PRICE_USD = 100;

function published(context: SandboxContext) {
  return { currency: 'USD', prices: context.prices.table() };
}

function updatePrices(request: SandboxRequest, context: SandboxContext) {
  return guarded(() => {
    const body = adminBody(request);
    const change: Partial<SandboxPrices> = {};
    for (const name of PRICE_NAMES) {
      const value = optionalNumber(body, name, 0, MAX_PRICE_USD);
      if (value !== undefined) change[name] = value;
    }
    context.prices.update(change);
    return json(200, published(context));
  });
}

export const routes: Route[] = [
  { method: 'GET', path: '/_sandbox/prices', admin: true, handle: (_request, context) => json(200, published(context)) },
  { method: 'POST', path: '/_sandbox/prices', admin: true, handle: updatePrices },
  {
    method: 'DELETE',
    path: '/_sandbox/prices',
    admin: true,
    handle: (_request, context) => {
      context.prices.reset();
      return json(200, published(context));
    },
  },
];
