// Dialogs and panels give focus back to what opened them when they close.

export function useFocusReturn() {
  let opener: HTMLElement | null = null;
  return {
    capture(): void {
      opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    },
    restore(): void {
      const element = opener;
      opener = null;
      if (element?.isConnected) element.focus();
    },
  };
}
