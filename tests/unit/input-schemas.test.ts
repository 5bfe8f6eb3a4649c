import { describe, expect, it } from "vitest";
import { createGenerationBody } from "../../src/app/api/generations/schema";
import { fieldErrorsFromZod } from "../../src/lib/errors";
import { estimateCostUsd, estimateRunUsd, findModel, inputSchema, models, pinnedRef } from "../../src/lib/replicate/models";

const paths = (key: string, input: unknown) => {
  const result = inputSchema(key)?.safeParse(input);
  return result?.success ? [] : fieldErrorsFromZod(result?.error as never, "input").map((f) => f.path);
};

describe("model catalogue and input schemas", () => {
  it("pins community models by full version hash; the FLUX models are the official exceptions", () => {
    expect(pinnedRef(findModel("sdxl-lightning")!)).toBe(
      "bytedance/sdxl-lightning-4step:5599ed30703defd1d160a25a63321b4dec97101d98b4674bcc56e41f62f35637",
    );
    expect(pinnedRef(findModel("sdxl")!)).toBe(
      "stability-ai/sdxl:39ed52f2a78e934b3ba6e2a89f5b1c712de7dfea535525255b1aa35c5565e08b",
    );
    expect(findModel("flux-schnell")?.target.kind).toBe("official");
    expect(findModel("flux-kontext-pro")?.target.kind).toBe("official");
    expect(pinnedRef(findModel("upscale")!)).toBe(
      "nightmareai/real-esrgan:f121d640bd286e1fdc67f9799164c1d5be36ff74576ee11c803ae5b665dd46aa",
    );
    expect(pinnedRef(findModel("remove-bg")!)).toBe(
      "lucataco/remove-bg:95fcc2a26d3899cd6c2691c900465aaeff466285a65c14638cc5f36f34befaf1",
    );
    // SDXL's image tools are the same pinned version as SDXL itself.
    expect(pinnedRef(findModel("sdxl-inpaint")!)).toBe(pinnedRef(findModel("sdxl")!));
    expect(models.map((m) => m.key)).toEqual([
      "sdxl-lightning",
      "sdxl",
      "flux-schnell",
      "sdxl-img2img",
      "sdxl-inpaint",
      "upscale",
      "remove-bg",
      "flux-kontext-pro",
    ]);
  });

  it("prices runs from the overlay: per second of predict time, or per image", () => {
    const lightning = findModel("sdxl-lightning")!;
    const flux = findModel("flux-schnell")!;
    expect(estimateCostUsd(lightning, 10, 4)).toBeCloseTo(0.00725);
    expect(estimateCostUsd(flux, 10, 4)).toBeCloseTo(0.012);
    // Before a run: the typical predict time stands in for the real one.
    expect(estimateRunUsd(lightning, 1, {})).toBeCloseTo(0.000725 * lightning.pricing.typicalSeconds, 9);
    expect(estimateRunUsd(lightning, 3, {})).toBeCloseTo(0.000725 * (lightning.pricing.typicalSeconds + 2 * 0.5), 9);
    expect(estimateRunUsd(flux, 2, {})).toBeCloseTo(0.006, 9);
    // A time-billed model's typical time is at its default steps: twice the steps, twice the time.
    expect(estimateRunUsd(lightning, 3, { num_inference_steps: 8 })).toBeCloseTo(2 * estimateRunUsd(lightning, 3, {}), 9);
    const sdxl = findModel("sdxl")!;
    expect(estimateRunUsd(sdxl, 1, { num_inference_steps: 500 })).toBeCloseTo(10 * estimateRunUsd(sdxl, 1, {}), 9);
    // A model billed per image costs the same whatever its steps.
    expect(estimateRunUsd(flux, 2, { num_inference_steps: 1 })).toBeCloseTo(0.006, 9);
  });

  it("fills the model's defaults", () => {
    expect(inputSchema("flux-schnell")?.parse({ prompt: "x" })).toMatchObject({
      aspect_ratio: "1:1",
      num_outputs: 1,
      num_inference_steps: 4,
      output_format: "webp",
      output_quality: 80,
      go_fast: true,
      megapixels: "1",
    });
    expect(inputSchema("sdxl")?.parse({ prompt: "x" })).toMatchObject({
      width: 1024,
      guidance_scale: 7.5,
      num_inference_steps: 50,
    });
  });

  it("names the field for each kind of bad input", () => {
    expect(paths("sdxl-lightning", {})).toEqual(["input.prompt"]);
    expect(paths("sdxl-lightning", { prompt: 42 })).toEqual(["input.prompt"]);
    expect(paths("sdxl-lightning", { prompt: "   " })).toEqual(["input.prompt"]);
    expect(paths("sdxl-lightning", { prompt: "x", num_inference_steps: 11 })).toEqual(["input.num_inference_steps"]);
    expect(paths("sdxl-lightning", { prompt: "x", width: 2048 })).toEqual(["input.width"]);
    expect(paths("flux-schnell", { prompt: "x", aspect_ratio: "7:3" })).toEqual(["input.aspect_ratio"]);
    expect(paths("flux-schnell", { prompt: "x", num_outputs: 1.5 })).toEqual(["input.num_outputs"]);
    expect(paths("sdxl", { prompt: "x", scheduler: "DPM++2MSDE" })).toEqual(["input.scheduler"]);
    expect(paths("sdxl", { prompt: "x", secret_knob: 1 })).toEqual(["input"]);
    expect(paths("sdxl", { prompt: "x".repeat(2001) })).toEqual(["input.prompt"]);
  });

  it("validates the create body: known model keys only, no extra fields", () => {
    expect(createGenerationBody.safeParse({ model: "sdxl", input: { prompt: "x" } }).success).toBe(true);
    const unknown = createGenerationBody.safeParse({ model: "stability-ai/sdxl:39ed", input: {} });
    expect(fieldErrorsFromZod(unknown.error!).map((f) => f.path)).toEqual(["model"]);
    const extra = createGenerationBody.safeParse({ model: "sdxl", input: {}, version: "abc" });
    expect(fieldErrorsFromZod(extra.error!)[0]?.message).toMatch(/Unknown field: version/);
  });
});
