import type { TestApp } from "./test-app";
import type { TestClient } from "./test-client";

// Fixtures shared by the cancel and admin tests: generations held running by the emulator.

/** A prompt the emulator keeps in `starting` for minutes (cold start), whatever the time scale. */
export const heldPrompt = (text: string) => `${text} [cold-start:3600]`;

/** Creates a generation that stays running, and waits until Replicate has answered its create. */
export async function startHeldGeneration(client: TestClient, text: string, model = "sdxl-lightning") {
  const { res, body } = await client.create(model, { prompt: heldPrompt(text) });
  if (res.status !== 201) throw new Error(`create answered ${res.status}: ${JSON.stringify(body)}`);
  const running = await client.waitFor(body.id, ["starting", "processing"]);
  return running;
}

/** The emulator's log of cancel calls for one prediction. */
export async function cancelCalls(app: TestApp, predictionId: string) {
  return (await app.emulatorRequests()).filter((r) => r.method === "POST" && r.path === `/v1/predictions/${predictionId}/cancel`);
}
