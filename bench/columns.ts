// The deck every benchmark uses: 20 search columns over the two demo brands, written the way a
// care team writes them (mentions, topics, languages, replies, links, spam and chatter). Between
// them they match every post the sandbox's traffic generator writes, so at full speed every
// emitted post reaches the core through the filtered stream.

export interface BenchColumn {
  /** Whose column it is (a demo brand handle). */
  brand: 'AcmeAir' | 'NimbusMobile';
  query: string;
}

export const BENCH_COLUMNS: readonly BenchColumn[] = [
  { brand: 'AcmeAir', query: '@AcmeAir' },
  { brand: 'AcmeAir', query: '@AcmeAir (delayed OR delay OR #delayed OR cancelled)' },
  { brand: 'AcmeAir', query: '@AcmeAir (bag OR #lostbag OR maleta OR Koffer)' },
  { brand: 'AcmeAir', query: '@AcmeAir (refund OR remboursement OR reembolso)' },
  { brand: 'AcmeAir', query: '@AcmeAir is:reply' },
  { brand: 'AcmeAir', query: '@AcmeAir -lang:en' },
  { brand: 'AcmeAir', query: '@AcmeAir has:links' },
  { brand: 'AcmeAir', query: '"this is unacceptable" OR #neveragain OR #fail' },
  { brand: 'AcmeAir', query: '#greatservice OR #happycustomer OR legends OR "thank you"' },
  { brand: 'AcmeAir', query: '$BTC OR $ETH OR $DOGE OR #giveaway OR #promo' },
  { brand: 'NimbusMobile', query: '@NimbusMobile' },
  { brand: 'NimbusMobile', query: '@NimbusMobile (outage OR "no signal" OR panne OR señal)' },
  { brand: 'NimbusMobile', query: '@NimbusMobile (bill OR roaming OR #ripoff OR factura)' },
  { brand: 'NimbusMobile', query: '@NimbusMobile (order OR Bestellung)' },
  { brand: 'NimbusMobile', query: '@NimbusMobile is:reply' },
  { brand: 'NimbusMobile', query: '@NimbusMobile -lang:en' },
  { brand: 'NimbusMobile', query: '(eSIM OR 5G) @NimbusMobile' },
  { brand: 'NimbusMobile', query: 'coffee OR #sports OR traffic OR blog OR rain OR #fitness' },
  { brand: 'NimbusMobile', query: 'Lisbon OR Osaka OR Cairo' },
  { brand: 'NimbusMobile', query: '@AcmeAir OR @NimbusMobile' },
];

export const columnTitle = (query: string) => `Search: ${query}`;

/**
 * What people type into "Search archive": single words, phrases, prefixes while typing, handles,
 * hashtags, exclusions, other languages and scripts, rare and frequent terms.
 */
export const ARCHIVE_QUERIES: readonly string[] = [
  'refund',
  'delayed',
  '"no signal"',
  '"still waiting"',
  'eSIM activation',
  'cancel',
  'rebo',
  'from:jane_smith',
  '@NimbusMobile',
  '#lostbag',
  'Lisbon -delayed',
  'Osaka 5G',
  'maleta',
  'Verspätung',
  'remboursement',
  '荷物',
  'رحلتي',
  'AA1234',
  'roaming ripoff',
  'thank you crew',
];
