import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { RunFacts } from "../../src/components/run-facts";
import type { GenerationView } from "../../src/shared/generation-view";

// A card's and a page's run facts: the model's time and cost once it ran, else what it is not.
const view = (patch: Partial<GenerationView>): GenerationView => ({
  id: "gen_facts",
  model: "sdxl-lightning",
  modelLabel: "SDXL Lightning",
  status: "succeeded",
  progress: 1,
  error: null,
  input: { prompt: "facts" },
  outputs: [],
  canceledBy: null,
  group: null,
  favourite: false,
  predictTime: 0.62,
  estimatedCostUsd: 0.00045,
  createdAt: "2026-11-27T00:00:00.000Z",
  startedAt: "2026-11-27T00:00:01.000Z",
  completedAt: "2026-11-27T00:00:02.000Z",
  ...patch,
});
const text = (generation: GenerationView) =>
  renderToString(createElement(RunFacts, { generation, labelled: true })).replace(/<[^>]+>|<!-- -->/g, "");

describe("run facts", () => {
  it("give the model time and cost of a run that ran", () => {
    expect(text(view({}))).toBe("Model time 0.6 s · cost ≈ $0.00045");
  });

  it("say 'Not billed' for a run canceled before the model started (0 s), not '0.0 s · ≈ $0.00'", () => {
    expect(text(view({ status: "canceled", predictTime: 0, estimatedCostUsd: 0, outputs: [] }))).toBe("Not billed");
    expect(text(view({ status: "failed", predictTime: null, estimatedCostUsd: 0 }))).toBe("Not billed");
  });

  it("give a running one's estimate", () => {
    expect(text(view({ status: "processing", predictTime: null, estimatedCostUsd: 0.003 }))).toBe("≈ $0.003 estimated");
  });
});
