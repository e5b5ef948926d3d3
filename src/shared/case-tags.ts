// A case's or a handle's tags as both stores keep them: a JSON array of strings.

/** The tags in a stored JSON array; anything else (a hand-edited row) reads as none. */
export function tagsFromJson(text: string): string[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.filter((tag): tag is string => typeof tag === 'string') : [];
  } catch {
    return [];
  }
}
