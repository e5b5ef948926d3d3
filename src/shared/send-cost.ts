// What a write costs on X's pay-per-use plan, before it is sent: a post or reply (dearer when its
// text carries a URL, as X bills "Content: Create (with URL)"), or a DM. X publishes no price
// endpoint: the table comes from the sandbox (demo) or from what the operator entered for the
// real X app; a price nobody gave is unknown, and the composer says so rather than guess.
import twitterText from 'twitter-text';
import { z } from 'zod';
import { numericId } from './ids';

/** USD per request; null when unknown. */
export interface SendPriceTable {
  post: number | null;
  postWithUrl: number | null;
  dm: number | null;
}

export interface SendPrices {
  /** Where the table comes from: the X API sandbox, or the X app settings. */
  source: 'sandbox' | 'settings';
  prices: SendPriceTable;
}

export type SendKind = 'post' | 'dm';
export type PricedAction = keyof SendPriceTable;

export interface SendCost {
  action: PricedAction;
  /** USD, or null when the table has no price for the action. */
  usd: number | null;
}

/** What a handle sent today (UTC) from this desktop and what it cost. */
export interface HandleDaySpend {
  accountId: string;
  /** YYYY-MM-DD (UTC). */
  day: string;
  usd: number;
  sends: number;
  /** Sends whose price was unknown when they went out (not in `usd`). */
  unpricedSends: number;
  /** A team handle: the hub sends for every member, so this counts only what this desktop asked for. */
  thisDesktopOnly: boolean;
}

const usdPrice = z.number().finite().min(0, 'A price cannot be negative').max(100, 'A price above $100 is surely a typo');
export const sendPriceTableSchema = z.object({ post: usdPrice.nullable(), postWithUrl: usdPrice.nullable(), dm: usdPrice.nullable() }).strict();
export const daySpendInput = z.object({ accountId: numericId }).strict();

export const UNKNOWN_PRICES: SendPriceTable = { post: null, postWithUrl: null, dm: null };

/** Whether the text carries a URL as X sees one (with or without http://, as twitter-text extracts it). */
export function hasUrl(text: string): boolean {
  return twitterText.extractUrls(text).length > 0;
}

/** Which of X's priced actions sending `text` is, and its price in the table. */
export function priceOf(prices: SendPriceTable, kind: SendKind, text: string): SendCost {
  const action: PricedAction = kind === 'dm' ? 'dm' : hasUrl(text) ? 'postWithUrl' : 'post';
  return { action, usd: prices[action] };
}

/** Sums USD amounts without binary-float dust (prices have at most a few decimals). */
export function addUsd(a: number, b: number): number {
  return Math.round((a + b) * 1_000_000) / 1_000_000;
}

/** "$0.015", "$0.20", "$1.00": cents always, a third decimal only when the amount has one. */
export function formatUsd(usd: number): string {
  const rounded = Math.round(usd * 1000) / 1000;
  const digits = Math.abs(rounded * 100 - Math.round(rounded * 100)) < 1e-9 ? 2 : 3;
  return `$${rounded.toFixed(digits)}`;
}

/** The words the composer shows before Send. */
export function costLabel(cost: SendCost): string {
  return cost.usd === null ? 'Price unknown' : `Costs ${formatUsd(cost.usd)}`;
}

/** The column header's words for a handle's spend today. */
export function daySpendLabel(spend: HandleDaySpend): string {
  const unpriced = spend.unpricedSends > 0 ? ` + ${spend.unpricedSends} unpriced` : '';
  return `${formatUsd(spend.usd)} today${unpriced}`;
}

/** The UTC day (YYYY-MM-DD) of a moment. */
export function utcDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}
