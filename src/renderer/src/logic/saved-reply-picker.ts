// Picking a saved reply in the composer: `/` and a few letters at the end of the draft look one up;
// the chosen reply takes the place of what was typed after `/`, or follows the draft.

/** What the agent typed after a `/` that starts the draft's last word, or null when there is none. */
export function slashQuery(text: string): string | null {
  const match = /(?:^|\s)\/([^\s/]*)$/.exec(text);
  return match ? (match[1] ?? '') : null;
}

/** The draft with the saved reply in: replacing the `/word` being typed, else after the draft (and its @mention). */
export function insertSavedReply(draft: string, reply: string): string {
  const slash = /(^|\s)\/[^\s/]*$/.exec(draft);
  if (slash) return `${draft.slice(0, slash.index)}${slash[1] ?? ''}${reply}`;
  if (draft.trim() === '') return reply;
  return /\s$/.test(draft) ? `${draft}${reply}` : `${draft} ${reply}`;
}
