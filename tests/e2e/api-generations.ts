import type { APIRequestContext } from "playwright-core";
import type { GenerationView } from "../../src/shared/generation-view";

// Generations made and awaited through the API as a browser's owner (the request context carries
// its cookie), for tests that need one in a given state before they open a page.

/** POST /api/generations; throws unless it answers 201. */
export async function createThroughApi(
  request: APIRequestContext,
  baseUrl: string,
  model: string,
  input: Record<string, unknown>,
): Promise<GenerationView> {
  const res = await request.post(`${baseUrl}/api/generations`, { headers: { origin: baseUrl }, data: { model, input } });
  if (res.status() !== 201) throw new Error(`create answered ${res.status()}: ${await res.text()}`);
  return (await res.json()) as GenerationView;
}

/** Reads the generation until `done(status)` (a minute at most), and answers it as it then is. */
export async function waitForGeneration(
  request: APIRequestContext,
  baseUrl: string,
  id: string,
  done: (status: GenerationView["status"]) => boolean,
): Promise<GenerationView> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const view = (await (await request.get(`${baseUrl}/api/generations/${id}`)).json()) as GenerationView;
    if (done(view.status)) return view;
    if (Date.now() > deadline) throw new Error(`${id} is still ${view.status}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
