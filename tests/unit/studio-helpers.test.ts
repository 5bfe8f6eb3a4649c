import { describe, expect, it } from "vitest";
import { formValuesFrom, settingsText } from "../../src/client/form-from-input";
import { toInput } from "../../src/client/form-values";
import { estimateRunUsd, findModel, modelFormSpecs } from "../../src/lib/replicate/models";
import { variantKey } from "../../src/lib/storage/keys";
import { outputFileName, slugOf, zipFileName } from "../../src/shared/download-names";
import {
  canCompareWith,
  chosenValues,
  compareMismatch,
  estimateBeforeRun,
  GENERATE_ACTION,
  groupMismatch,
  imagesAsked,
  type ModelFormSpec,
} from "../../src/shared/model-form";

describe("Edit: a stored input back into the form", () => {
  it("fills every field the input names, and the form sends the same input again", () => {
    const sdxl = modelFormSpecs().find((m) => m.key === "sdxl");
    if (!sdxl) throw new Error("no sdxl");
    const input = {
      prompt: "a harbour",
      negative_prompt: "",
      width: 768,
      height: 512,
      num_outputs: 2,
      scheduler: "DDIM",
      num_inference_steps: 20,
      guidance_scale: 7.5,
      refine: "expert_ensemble_refiner",
      high_noise_frac: 0.8,
      seed: 4242,
    };
    const values = formValuesFrom(sdxl.fields, input);
    for (const [name, value] of Object.entries(input)) {
      if (sdxl.fields.some((f) => f.name === name)) expect(values[name], name).toBe(String(value));
    }
    // Defaults are left to the server again; everything else round-trips.
    const again = toInput(sdxl.fields, values);
    for (const [name, value] of Object.entries(again)) expect(input[name as keyof typeof input], name).toEqual(value);
    expect(again.seed).toBe(4242);
  });

  it("copies all settings as one name: value a line", () => {
    expect(settingsText("SDXL", { prompt: "a fox", seed: 7, refine: false })).toBe(
      "model: SDXL\nprompt: a fox\nseed: 7\nrefine: false",
    );
  });
});

describe("download names", () => {
  it("say the prompt's first words, the model, the seed and the number, in ASCII", () => {
    expect(slugOf("Zürich at night, 35mm! ✨")).toBe("zurich-at-night-35mm");
    expect(slugOf("∞∞∞")).toBe("image");
    expect(slugOf("word ".repeat(30)).length).toBeLessThanOrEqual(40);
    const parts = { prompt: "A red fox", model: "sdxl", seed: 42, index: 1, count: 2, extension: "png" };
    expect(outputFileName(parts)).toBe("a-red-fox_sdxl_seed-42_2.png");
    expect(outputFileName({ ...parts, count: 1, index: 0 })).toBe("a-red-fox_sdxl_seed-42.png");
    expect(zipFileName(parts)).toBe("a-red-fox_sdxl_seed-42.zip");
  });

  it("sized copies live beside their original", () => {
    expect(variantKey("gen_abc", 1, 320)).toBe("generations/gen_abc/1-w320.webp");
    expect(() => variantKey("../x", 0, 320)).toThrow();
    expect(() => variantKey("gen_abc", 0, 0)).toThrow();
  });
});

describe("what a comparison offers", () => {
  const specs = modelFormSpecs();
  const spec = (key: string) => {
    const found = specs.find((m) => m.key === key);
    if (!found) throw new Error(`${key} missing`);
    return found;
  };
  const offered = (key: string) => specs.filter((m) => m.key !== key && canCompareWith(spec(key), m)).map((m) => m.key);

  it("only models that require the same inputs: like for like", () => {
    // Text-to-image models all take a prompt and require nothing else.
    expect(offered("sdxl-lightning")).toEqual(["sdxl", "flux-schnell"]);
    expect(offered("flux-schnell")).toEqual(["sdxl-lightning", "sdxl"]);
    // Image-to-image: the text models ignore its image, Upscale and Remove background its prompt,
    // inpainting needs a mask it has not got, and Kontext names its image input_image.
    expect(offered("sdxl-img2img")).toEqual([]);
    expect(offered("sdxl-inpaint")).toEqual([]);
    expect(offered("flux-kontext-pro")).toEqual([]);
    // Both tools require just an image, but do different jobs: nothing to compare.
    expect(offered("upscale")).toEqual([]);
    expect(offered("remove-bg")).toEqual([]);
  });

  it("is symmetric: a model is offered beside another exactly when the other is offered beside it", () => {
    for (const a of specs) for (const b of specs) expect(canCompareWith(a, b), `${a.key} / ${b.key}`).toBe(canCompareWith(b, a));
  });

  it("in this catalogue, falls into clean groups, so the form offering models beside the first one only is enough", () => {
    // If a model ever goes with two that do not go with each other, the form must check every pair too.
    for (const a of specs)
      for (const b of specs)
        for (const c of specs) {
          if (canCompareWith(a, b) && canCompareWith(a, c))
            expect(canCompareWith(b, c), `${a.key}: ${b.key} / ${c.key}`).toBe(true);
        }
  });

  it("checks every pair of a group, since the rule is not transitive", () => {
    const field = (name: string, required: boolean) => ({
      ...spec("sdxl-img2img").fields.find((f) => f.name === name)!,
      required,
    });
    const action = GENERATE_ACTION;
    const textOnly = { key: "text", action, fields: [field("prompt", true)] };
    const imageOptional = { key: "either", action, fields: [field("prompt", true), field("image", false)] };
    const imageRequired = { key: "image", action, fields: [field("prompt", true), field("image", true)] };
    expect(canCompareWith(imageOptional, textOnly) && canCompareWith(imageOptional, imageRequired)).toBe(true);
    expect(groupMismatch([imageOptional, textOnly, imageRequired])).toMatchObject({
      base: { key: "text" },
      other: { key: "image" },
      mismatch: { requiredBy: "other", field: { name: "image" } },
    });
    expect(groupMismatch([imageOptional, textOnly])).toBeNull();
  });

  it("says which required input one of them lacks", () => {
    expect(compareMismatch(spec("sdxl-img2img"), spec("remove-bg"))).toMatchObject({
      requiredBy: "base",
      field: { name: "prompt", kind: "text" },
    });
    expect(compareMismatch(spec("sdxl-lightning"), spec("upscale"))).toMatchObject({
      requiredBy: "other",
      field: { name: "image", kind: "image" },
    });
    expect(compareMismatch(spec("sdxl"), spec("flux-schnell"))).toBeNull();
  });

  it("says when two take the same inputs but do different jobs", () => {
    expect(compareMismatch(spec("upscale"), spec("remove-bg"))).toEqual({ reason: "job" });
    expect(spec("upscale").action.label).toBe("Upscale");
    expect(spec("sdxl").action).toEqual(GENERATE_ACTION);
  });
});

describe("cost before a run", () => {
  it("is the model's typical run plus its per-image price, and each further image's time on a per-second model", () => {
    const flux = modelFormSpecs().find((m) => m.key === "flux-schnell");
    const lightning = modelFormSpecs().find((m) => m.key === "sdxl-lightning");
    if (!flux || !lightning) throw new Error("models missing");
    expect(estimateBeforeRun(flux, 2, {})).toBeCloseTo(0.006, 9);
    // 1 s for the first image, 0.5 s for each of the three more, at $0.000725 a second.
    expect(estimateBeforeRun(lightning, 1, {})).toBeCloseTo(0.000725, 9);
    expect(estimateBeforeRun(lightning, 4, {})).toBeCloseTo(0.000725 * 2.5, 9);
    // At 8 steps where 4 is usual, twice as long: the form holds the value as text.
    expect(estimateBeforeRun(lightning, 4, { num_inference_steps: "8" })).toBeCloseTo(0.000725 * 5, 9);
    // Not a number yet (the field says so): the typical run.
    expect(estimateBeforeRun(lightning, 1, { num_inference_steps: "x" })).toBeCloseTo(0.000725, 9);
  });

  it("is in the form what the server reserves and shows for every model, image count and step count", () => {
    for (const spec of modelFormSpecs()) {
      const model = findModel(spec.key);
      if (!model) throw new Error(spec.key);
      for (const images of [1, 2, 3, 4])
        for (const steps of [undefined, 1, 20, 500]) {
          const input = steps === undefined ? {} : { num_inference_steps: steps };
          const form = steps === undefined ? {} : { num_inference_steps: String(steps) };
          expect(estimateBeforeRun(spec, images, form), `${spec.key} ${images} ${steps}`).toBeCloseTo(
            estimateRunUsd(model, images, input),
            9,
          );
        }
    }
  });

  it("in a comparison, gives each other model its own defaults where the first model's were left as they are", () => {
    const spec = (key: string) => modelFormSpecs().find((m) => m.key === key) as ModelFormSpec;
    const [lightning, sdxl] = [spec("sdxl-lightning"), spec("sdxl")];
    const sdxlModel = findModel("sdxl");
    if (!sdxlModel) throw new Error("sdxl missing");
    // Edit settings of a Lightning run fills its default 4 steps in: the group sends none, and
    // SDXL runs (and reserves) its own 50.
    const edited = chosenValues(lightning.fields, { prompt: "x", num_inference_steps: "4", num_outputs: "1" });
    expect(edited).toEqual({ prompt: "x" });
    expect(estimateBeforeRun(sdxl, imagesAsked(sdxl, edited), edited)).toBeCloseTo(estimateRunUsd(sdxlModel, 1, {}), 9);
    // A chosen 8 steps is sent to both, and SDXL's estimate follows it.
    const chosen = chosenValues(lightning.fields, { prompt: "x", num_inference_steps: "8.0" });
    expect(estimateBeforeRun(sdxl, 1, chosen)).toBeCloseTo(estimateRunUsd(sdxlModel, 1, { num_inference_steps: 8 }), 9);
    expect(chosenValues(lightning.fields, { num_inference_steps: "4.0" })).toEqual({});
  });

  it("counts the images a run asks for from its num_outputs, that field's default, or 1", () => {
    const flux = modelFormSpecs().find((m) => m.key === "flux-schnell");
    const upscale = modelFormSpecs().find((m) => !m.fields.some((f) => f.name === "num_outputs"));
    if (!flux || !upscale) throw new Error("models missing");
    const field = flux.fields.find((f) => f.name === "num_outputs");
    const fallback = field && "default" in field && typeof field.default === "number" ? field.default : 1;
    expect(imagesAsked(flux, { num_outputs: 3 })).toBe(3);
    expect(imagesAsked(flux, { num_outputs: "2" })).toBe(2); // as the form holds it
    expect(imagesAsked(flux, {})).toBe(fallback);
    expect(imagesAsked(flux, { num_outputs: "" })).toBe(fallback);
    expect(imagesAsked(flux, { num_outputs: "2.5" })).toBe(1);
    expect(imagesAsked(upscale, { num_outputs: 4 })).toBe(1);
  });
});
