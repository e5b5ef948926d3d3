// Avatars that never fail: the picture when it loads, otherwise initials on a stable colour.

export function initialsOf(name: string, username: string): string {
  const words = name.trim().split(/\s+/u).filter(Boolean);
  const letters = words.length >= 2 ? [words[0]!, words[words.length - 1]!].map((w) => Array.from(w)[0]) : Array.from(words[0] ?? username).slice(0, 2);
  return letters.join('').toUpperCase() || '?';
}

/** A hue from the handle, so one person keeps one colour across columns and restarts. */
export function avatarHue(username: string): number {
  let hash = 0;
  for (const char of username.toLowerCase()) hash = (hash * 31 + char.codePointAt(0)!) >>> 0;
  return hash % 360;
}

/** Pictures load only over https (the page's CSP allows nothing else from outside). */
export function displayableAvatarUrl(url: string | null): string | null {
  if (!url) return null;
  try {
    return new URL(url).protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}
