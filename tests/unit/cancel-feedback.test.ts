import { afterEach, describe, expect, it, vi } from "vitest";
import { describeCancelResults } from "../../src/client/admin-api";
import { postGenerationCancel } from "../../src/client/generations-api";
import { tooLateToCancelText } from "../../src/client/status-text";
import type { AdminCancelResult } from "../../src/shared/admin-views";
import type { GenerationView } from "../../src/shared/generation-view";

// What a Cancel tells the user when it came after the generation ended: the studio's answer
// (postGenerationCancel) and its words, and the admin console's summary of the same case.

const view = (status: GenerationView["status"]) => ({ id: "g1", status }) as GenerationView;

function answer(status: number, body: unknown): void {
  vi.stubGlobal(
    "fetch",
    vi.fn(async () => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } })),
  );
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("a Cancel from the studio", () => {
  it("is too late on a 409, with the generation as it ended (from the error body)", async () => {
    answer(409, { error: { code: "conflict", message: "This generation already succeeded." }, generation: view("succeeded") });
    expect(await postGenerationCancel("g1")).toEqual({ generation: view("succeeded"), tooLate: true });
  });

  it("is too late when the answer shows it finished on its own (Replicate ended it first)", async () => {
    answer(200, view("succeeded"));
    expect((await postGenerationCancel("g1")).tooLate).toBe(true);
    answer(200, view("failed"));
    expect((await postGenerationCancel("g1")).tooLate).toBe(true);
  });

  it("is not too late when it was canceled, or is being canceled (202)", async () => {
    answer(200, view("canceled"));
    expect(await postGenerationCancel("g1")).toEqual({ generation: view("canceled"), tooLate: false });
    answer(202, view("processing"));
    expect((await postGenerationCancel("g1")).tooLate).toBe(false);
  });

  it("still throws on other errors", async () => {
    answer(404, { error: { code: "not_found", message: "Generation not found" } });
    await expect(postGenerationCancel("g1")).rejects.toThrow("Generation not found");
  });

  it("says how it had ended, politely", () => {
    expect(tooLateToCancelText("succeeded")).toBe("Too late to cancel: it had already finished.");
    expect(tooLateToCancelText("failed")).toBe("Too late to cancel: it had already failed.");
    expect(tooLateToCancelText("canceled")).toBe("It had already been canceled.");
  });
});

describe("a Cancel from the admin console", () => {
  const late: AdminCancelResult = {
    id: "a",
    ok: false,
    status: "succeeded",
    error: { code: "conflict", message: "This generation already succeeded." },
  };

  it("says the same for one row that had already ended (409, or finished by Replicate first)", () => {
    expect(describeCancelResults([late])).toBe("Too late to cancel: it had already finished.");
    expect(describeCancelResults([{ id: "a", ok: true, status: "succeeded" }])).toBe(
      "Too late to cancel: it had already finished.",
    );
  });

  it("counts the late ones among many", () => {
    expect(describeCancelResults([{ id: "b", ok: true, status: "canceled" }, late])).toBe(
      "Canceled 1 of 2: 1 had already finished.",
    );
    expect(describeCancelResults([{ id: "b", ok: true, status: "canceled" }])).toBe("Canceled 1 generation.");
  });
});
