// Reading an HTTP request target without trusting it: `//`, `//evil.com/x` or garbage must not
// throw (new URL(target, base) does for `//`), they are just paths we do not serve.

export interface RequestTarget {
  pathname: string;
  searchParams: URLSearchParams;
}

/** The path and query of an origin-form target (`/path?query`), or null when it is not one. */
export function parseRequestTarget(target: string | undefined): RequestTarget | null {
  if (!target?.startsWith('/')) return null;
  try {
    // Appended to a fixed origin rather than resolved against it, so `//host` stays a path.
    const url = new URL(`http://deckhand.invalid${target}`);
    return { pathname: url.pathname, searchParams: url.searchParams };
  } catch {
    return null;
  }
}
