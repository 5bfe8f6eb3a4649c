import "client-only";

// Saving one stored image under its readable name. A link's `download` name is not enough: the
// browser ignores it for another origin (Vercel Blob's URLs) and prefers the file's own
// Content-Disposition name (local disk's `<id>-0.png`). So the file is fetched and handed to the
// browser as a blob, whose name is the one given.

/** How long an object URL outlives its click: the browser has started the save well before. */
const REVOKE_AFTER_MS = 60_000;

/** Saves the file at `url` as `name`; rejects when it cannot be fetched. */
export async function saveFile(url: string, name: string): Promise<void> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  const href = URL.createObjectURL(await res.blob());
  const link = document.createElement("a");
  link.href = href;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(href), REVOKE_AFTER_MS);
}
