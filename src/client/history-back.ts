import "client-only";

// Whether the browser's previous history entry is a page of this app, so "Back" can return to it
// with its filters (kept in its address) instead of opening the studio
// afresh. Read from the Navigation API (Chromium; Firefox and Safari since 2025-26); a browser
// without it answers false, and the caller links to its fallback.

type NavigationEntry = { url: string | null; index: number; sameDocument: boolean };
type NavigationLike = { currentEntry: NavigationEntry | null; entries: () => NavigationEntry[] };

function previousEntry(): NavigationEntry | null {
  const navigation = (window as { navigation?: NavigationLike }).navigation;
  const current = navigation?.currentEntry;
  if (!navigation || !current || current.index < 1) return null;
  return navigation.entries()[current.index - 1] ?? null;
}

export function previousEntryIsOurs(): boolean {
  const previous = previousEntry();
  if (!previous?.url) return false;
  return new URL(previous.url).origin === window.location.origin;
}

/** Back stays in this document (a client-side navigation): what the page holds in memory survives it. */
export function previousEntryInThisDocument(): boolean {
  return previousEntry()?.sameDocument ?? false;
}
