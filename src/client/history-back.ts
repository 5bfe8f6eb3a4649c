import "client-only";

// Whether the browser's previous history entry is a page of this app, so "Back" can return to it
// with its filters (kept in its address) instead of opening the studio
// afresh. Read from the Navigation API (Chromium; Firefox and Safari since 2025-26); a browser
// without it answers false, and the caller links to its fallback.

type NavigationEntry = { url: string | null; index: number };
type NavigationLike = { currentEntry: NavigationEntry | null; entries: () => NavigationEntry[] };

export function previousEntryIsOurs(): boolean {
  const navigation = (window as { navigation?: NavigationLike }).navigation;
  const current = navigation?.currentEntry;
  if (!navigation || !current || current.index < 1) return false;
  const previous = navigation.entries()[current.index - 1];
  if (!previous?.url) return false;
  return new URL(previous.url).origin === window.location.origin;
}
