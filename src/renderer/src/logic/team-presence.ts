// What a post card says of colleagues who have it open: "Bob Agent is typing · Ann Owner is
// viewing" (the names the UI contract uses), or nothing.
export function colleaguesLine(here: readonly { name: string; typing: boolean }[] | undefined): string | null {
  if (!here || here.length === 0) return null;
  const typing = here.filter((colleague) => colleague.typing).map((colleague) => `${colleague.name} is typing`);
  const viewing = here.filter((colleague) => !colleague.typing).map((colleague) => `${colleague.name} is viewing`);
  return [...typing, ...viewing].join(' · ');
}
