// Local-disk files have app-relative URLs (`/api/files/…`); Blob URLs are already absolute.
export function absoluteUrl(url: string, origin: string): string {
  return new URL(url, origin).href;
}
