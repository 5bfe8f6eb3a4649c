import sharp from "sharp";

// Like Replicate, a prediction downloads its file inputs (`format: uri`) before it runs. Only from
// allow-listed hosts (the app's local files route and Blob storage, never an arbitrary URL), with
// a deadline and a size cap; anything else fails the prediction, as a download error would.

export type InputImage = { bytes: Buffer; width: number; height: number; hasAlpha: boolean };
export type InputImages = Record<string, InputImage>;

const FETCH_TIMEOUT_MS = 15_000;
const MAX_INPUT_BYTES = 25 * 1024 * 1024;

/** Hosts (any port) whose files predictions may fetch: loopback for the local app, Replicate's and Blob's hosts. */
export const DEFAULT_INPUT_HOSTS: readonly string[] = [
  "127.0.0.1",
  "localhost",
  "[::1]",
  "replicate.delivery",
  ".public.blob.vercel-storage.com",
];

export function isAllowedInputUrl(raw: string, hosts: readonly string[]): boolean {
  if (!URL.canParse(raw)) return false;
  const url = new URL(raw);
  if (url.protocol !== "http:" && url.protocol !== "https:") return false;
  return hosts.some((h) => (h.startsWith(".") ? url.hostname.endsWith(h) : url.hostname === h));
}

async function fetchImage(name: string, raw: string, hosts: readonly string[]): Promise<InputImage> {
  if (!isAllowedInputUrl(raw, hosts)) throw new Error(`${name}: refusing to download from ${raw} (host not allowed)`);
  const res = await fetch(raw, { redirect: "error", signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
  if (!res.ok) throw new Error(`${name}: downloading ${raw} answered ${res.status}`);
  if (Number(res.headers.get("content-length") ?? 0) > MAX_INPUT_BYTES) throw new Error(`${name}: file too large`);
  const bytes = Buffer.from(await res.arrayBuffer());
  if (bytes.length > MAX_INPUT_BYTES) throw new Error(`${name}: file too large`);
  const meta = await sharp(bytes).metadata();
  if (!meta.width || !meta.height) throw new Error(`${name}: cannot identify image file`);
  return { bytes, width: meta.width, height: meta.height, hasAlpha: meta.hasAlpha === true };
}

/** Downloads every file input present in `values`; rejects with the first failure. */
export async function fetchInputImages(
  fileInputs: readonly string[],
  values: Record<string, unknown>,
  hosts: readonly string[],
): Promise<InputImages> {
  const present = fileInputs.filter((name) => typeof values[name] === "string" && values[name] !== "");
  const fetched = await Promise.all(present.map((name) => fetchImage(name, values[name] as string, hosts)));
  return Object.fromEntries(present.map((name, i) => [name, fetched[i] as InputImage]));
}
