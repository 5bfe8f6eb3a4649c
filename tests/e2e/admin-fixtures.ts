import type { BrowserContext } from "playwright-core";
import { isActive } from "../../src/shared/generation-status";
import { createThroughApi, waitForGeneration } from "./api-generations";

// Generations made through the API as a browser context's owner (its cookie), for the admin
// console's tests to find: a few finished, one deleted, one long-running with a long prompt and
// the catalogue's longest model name.

export const LONG_PROMPT =
  "An extraordinarily detailed panorama of a floating market at sunrise, with hundreds of boats, " +
  "lanterns, fruit stalls and reflections, Supercalifragilisticexpialidociouslyunbreakablewordwithoutspaces [cold-start:600]";
export const DELETED_PROMPT = "A sandcastle the tide took away";
export const FINISHED_PROMPTS = ["A lighthouse on a cliff at dusk", "Moss on an old stone wall, macro", "A broken render [fail]"];

const create = async (context: BrowserContext, baseUrl: string, model: string, input: Record<string, unknown>) =>
  (await createThroughApi(context.request, baseUrl, model, input)).id;

const finished = (context: BrowserContext, baseUrl: string, id: string) =>
  waitForGeneration(context.request, baseUrl, id, (status) => !isActive(status));

/** Creates the generations; answers the running one's id and the deleted one's. */
export async function seedAdminList(context: BrowserContext, baseUrl: string): Promise<{ running: string; deleted: string }> {
  await context.request.get(`${baseUrl}/api/generations`); // the owner's cookie, before creates made at once
  const ids = await Promise.all(
    [...FINISHED_PROMPTS, DELETED_PROMPT].map((prompt) => create(context, baseUrl, "sdxl-lightning", { prompt })),
  );
  const views = await Promise.all(ids.map((id) => finished(context, baseUrl, id)));
  const deleted = ids[ids.length - 1] as string;
  const gone = await context.request.delete(`${baseUrl}/api/generations/${deleted}`);
  if (gone.status() !== 204) throw new Error(`delete answered ${gone.status()}`);
  // "Edit by instruction (FLUX.1 Kontext [pro])", from the first image, held in a long cold start.
  const image = new URL(views[0]?.outputs?.[0]?.url ?? "", baseUrl).href;
  const running = await create(context, baseUrl, "flux-kontext-pro", { prompt: LONG_PROMPT, input_image: image });
  return { running, deleted };
}
