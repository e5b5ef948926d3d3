// X wraps every link in a post as https://t.co/XXXXXXXXXX and shows a shortened display_url.

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const DISPLAY_LIMIT = 35;

/** Mints deterministic ten-character t.co codes from a seed. */
export class TcoShortener {
  private state: number;

  constructor(seed: number) {
    this.state = (seed ^ 0x5bd1e995) >>> 0 || 1;
  }

  wrap(): string {
    let code = '';
    for (let index = 0; index < 10; index++) {
      // xorshift32: cheap and good enough for unique-looking codes.
      let x = this.state;
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      this.state = x >>> 0;
      code += ALPHABET[this.state % ALPHABET.length];
    }
    return `https://t.co/${code}`;
  }
}

/** The link as X displays it: no scheme, no "www.", cut after 35 characters with an ellipsis. */
export function displayUrl(expanded: string): string {
  const bare = expanded.replace(/^https?:\/\//i, '').replace(/^www\./i, '');
  return bare.length > DISPLAY_LIMIT ? `${bare.slice(0, DISPLAY_LIMIT)}…` : bare;
}

/** A link typed without a scheme gets http://, as X expands it. */
export function expandUrl(typed: string): string {
  return /^https?:\/\//i.test(typed) ? typed : `http://${typed}`;
}
