import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { deriveInputs } from "@/lib/replicate/catalogue/derive-fields";
import type { FieldOverlay } from "@/lib/replicate/catalogue/overlay";
import { schemaProperties } from "@/lib/replicate/catalogue/schema-properties";
import { parseSnapshot, type Snapshot } from "@/lib/replicate/catalogue/snapshot";
import { findModel, inputSchema, models } from "@/lib/replicate/models";
import { fieldsInUse, optionLabel } from "@/shared/model-form";

// The form and validation come from each pinned version's own schema: every input is a field or
// hidden by the overlay, and what the schema declares (types, enums, bounds, defaults,
// descriptions, order, required) is what the fields say, unless the overlay tightens it.

const SNAPSHOTS = path.resolve(import.meta.dirname, "../../catalogue/snapshots");
const snapshots: Snapshot[] = readdirSync(SNAPSHOTS).map((file) =>
  parseSnapshot(JSON.parse(readFileSync(path.join(SNAPSHOTS, file), "utf8")), file),
);
const snapshotOf = (owner: string, name: string) => snapshots.find((s) => s.owner === owner && s.name === name) as Snapshot;

describe.each(models.map((m) => [m.key, m] as const))("%s", (_key, model) => {
  it("offers every schema input as a form field or hides it in the overlay, in the schema's order", () => {
    const schemaNames = model.properties.map((p) => p.name);
    const fieldNames = model.fields.map((f) => f.name);
    expect([...fieldNames, ...model.hidden].sort()).toEqual([...schemaNames].sort());
    expect(fieldNames.filter((name) => model.hidden.includes(name))).toEqual([]);
    expect(fieldNames).toEqual(schemaNames.filter((name) => fieldNames.includes(name)));
  });

  it("keeps the schema's enums, bounds, defaults and descriptions unless the overlay narrows them", () => {
    for (const field of model.fields) {
      const p = model.properties.find((x) => x.name === field.name);
      expect(p, field.name).toBeDefined();
      if (!p) continue;
      if (field.kind === "enum") expect(p.options?.map(String)).toEqual(expect.arrayContaining([...field.options]));
      if (field.kind === "integer" || field.kind === "number" || field.kind === "seed") {
        if (p.minimum !== undefined) expect(field.min, field.name).toBeGreaterThanOrEqual(p.minimum);
        if (p.maximum !== undefined) expect(field.max, field.name).toBeLessThanOrEqual(p.maximum);
      }
      if ("default" in field && field.default !== undefined) expect(String(field.default)).toBe(String(p.default));
      if (p.required) expect(field.required, field.name).toBe(true);
    }
  });

  // A person reads the labels and help; a machine word (`match_input_image`, `num_inference_steps`,
  // `DPMSolverMultistep`) is a value the overlay has to label or a help text it has to rewrite.
  it("shows no option or help text as a machine word", () => {
    const machineWord = /\b\w+_\w+\b|[a-z][A-Z]\w/; // KarrasDPM and DPMSolver, not WebP
    for (const field of model.fields) {
      if (field.kind === "enum") {
        for (const option of field.options)
          expect(optionLabel(field, option), `${field.name} ${option}`).not.toMatch(machineWord);
      }
      expect(field.help ?? "", field.name).not.toMatch(machineWord);
    }
  });

  // The schema's help of an image often says only "Input image", or lists formats our uploads do
  // not take (Kontext's "jpeg, png, gif, or webp" beside the drop zone's "PNG, JPEG or WebP").
  it("says what an image input is for, not the schema's bare name or its own list of formats", () => {
    for (const field of model.fields.filter((f) => f.kind === "image")) {
      expect(field.help ?? "", field.name).not.toMatch(/^input image$|\bgif\b|must be/i);
    }
  });
});

describe("derived fields of the pinned versions", () => {
  it("sdxl-lightning: the schema's bounds and defaults, its scheduler enum component, seed with no default", () => {
    const fields = findModel("sdxl-lightning")?.fields ?? [];
    const byName = Object.fromEntries(fields.map((f) => [f.name, f]));
    expect(byName.width).toMatchObject({ kind: "integer", min: 256, max: 1280, default: 1024, multipleOf: 64 });
    expect(byName.width?.help).toBe("Width of output image. Recommended 1024 or 1280");
    expect(byName.scheduler).toMatchObject({ kind: "enum", default: "K_EULER" });
    expect(byName.scheduler?.kind === "enum" && byName.scheduler.options).toContain("DPM++2MSDE");
    expect(byName.negative_prompt).toMatchObject({ kind: "text", default: "worst quality, low quality", advanced: true });
    expect(byName.seed).toMatchObject({ kind: "seed", min: 0 });
    // The schema gives the prompt a default and no `required`; the app requires one.
    expect(byName.prompt).toMatchObject({ kind: "text", required: true, maxLength: 2000 });
    expect(byName.prompt).not.toHaveProperty("default");
  });

  it("flux-kontext-pro: the aspect ratio reads 'Match input image' and sends the schema's value", () => {
    const kontext = findModel("flux-kontext-pro");
    const aspect = kontext?.fields.find((f) => f.name === "aspect_ratio");
    if (aspect?.kind !== "enum") throw new Error("aspect_ratio is not an enum");
    expect(aspect).toMatchObject({ default: "match_input_image", optionLabels: { match_input_image: "Match input image" } });
    expect(aspect.options[0]).toBe("match_input_image");
    expect(aspect.options.map((o) => optionLabel(aspect, o)).slice(0, 3)).toEqual(["Match input image", "1:1", "16:9"]);
    // The schema's help names the value; the overlay's names the label.
    expect(aspect.help).toBe("Aspect ratio of the edited image. “Match input image” keeps the shape of your image.");
    const schema = inputSchema("flux-kontext-pro");
    const input = { prompt: "x", input_image: "https://example.com/a.png" };
    expect(schema?.safeParse({ ...input, aspect_ratio: "match_input_image" }).success).toBe(true);
    expect(schema?.safeParse({ ...input, aspect_ratio: "Match input image" }).success).toBe(false);
    const format = kontext?.fields.find((f) => f.name === "output_format");
    expect(format?.kind === "enum" && format.options.map((o) => optionLabel(format, o))).toEqual(["JPEG", "PNG"]);
  });

  it("sdxl: samplers and refiners by name, the values the schema's", () => {
    const byName = Object.fromEntries((findModel("sdxl")?.fields ?? []).map((f) => [f.name, f]));
    const labels = (name: string) => {
      const field = byName[name];
      if (field?.kind !== "enum") throw new Error(`${name} is not an enum`);
      return Object.fromEntries(field.options.map((o) => [o, optionLabel(field, o)]));
    };
    expect(labels("refine")).toEqual({
      no_refiner: "None",
      expert_ensemble_refiner: "Expert ensemble",
      base_image_refiner: "Base image",
    });
    expect(labels("scheduler")).toMatchObject({ K_EULER: "Euler", K_EULER_ANCESTRAL: "Euler ancestral", DDIM: "DDIM" });
    expect(byName.scheduler).toMatchObject({ default: "K_EULER" });
  });

  it("sdxl: a refiner's settings apply only with that refiner (by the value, else the default: none)", () => {
    const fields = findModel("sdxl")?.fields ?? [];
    const inUse = (values: Record<string, unknown>) =>
      fieldsInUse(fields, values)
        .map((f) => f.name)
        .filter((name) => name === "high_noise_frac" || name === "refine_steps");
    expect(inUse({})).toEqual([]);
    expect(inUse({ refine: "no_refiner" })).toEqual([]);
    expect(inUse({ refine: "expert_ensemble_refiner" })).toEqual(["high_noise_frac"]);
    expect(inUse({ refine: "base_image_refiner" })).toEqual(["refine_steps"]);
  });

  it("sdxl: the overlay bounds the unbounded sizes and hides the file and LoRA inputs", () => {
    const sdxl = findModel("sdxl");
    expect(sdxl?.fields.find((f) => f.name === "width")).toMatchObject({ min: 256, max: 1536, multipleOf: 64 });
    expect(sdxl?.hidden).toEqual([
      "image",
      "mask",
      "prompt_strength",
      "lora_scale",
      "replicate_weights",
      "disable_safety_checker",
    ]);
  });

  it("flux-schnell: required prompt from the schema, enums from Cog components, the schema's order", () => {
    const flux = findModel("flux-schnell");
    expect(flux?.fields.map((f) => f.name)).toEqual([
      "prompt",
      "aspect_ratio",
      "num_outputs",
      "num_inference_steps",
      "seed",
      "output_format",
      "output_quality",
      "disable_safety_checker",
      "go_fast",
      "megapixels",
    ]);
    expect(flux?.fields.find((f) => f.name === "megapixels")).toMatchObject({ options: ["1", "0.25"], default: "1" });
    expect(flux?.fields.find((f) => f.name === "seed")).toMatchObject({ kind: "seed", min: 1 });
  });

  it("reads every snapshot, file inputs included (format: uri), inline and $ref enums alike", () => {
    expect(snapshots).toHaveLength(6);
    const kinds = (owner: string, name: string) =>
      Object.fromEntries(schemaProperties(snapshotOf(owner, name)).map((p) => [p.name, p.kind]));
    expect(kinds("stability-ai", "sdxl")).toMatchObject({
      image: "file",
      mask: "file",
      refine: "enum",
      replicate_weights: "text",
    });
    expect(kinds("nightmareai", "real-esrgan")).toEqual({ image: "file", scale: "number", face_enhance: "boolean" });
    expect(kinds("lucataco", "remove-bg")).toEqual({ image: "file" });
    const kontext = schemaProperties(snapshotOf("black-forest-labs", "flux-kontext-pro"));
    expect(kontext.find((p) => p.name === "input_image")).toMatchObject({ kind: "file", nullable: true, required: false });
    expect(kontext.find((p) => p.name === "aspect_ratio")).toMatchObject({ kind: "enum", default: "match_input_image" });
    expect(kontext.find((p) => p.name === "seed")).toMatchObject({ kind: "integer", nullable: true });
    for (const s of snapshots) expect(schemaProperties(s).filter((p) => p.kind === "unsupported")).toEqual([]);
  });
});

describe("an overlay cannot loosen or misname the schema", () => {
  const lightning = schemaProperties(snapshotOf("bytedance", "sdxl-lightning-4step"));
  const esrgan = schemaProperties(snapshotOf("nightmareai", "real-esrgan"));
  const sdxl = schemaProperties(snapshotOf("stability-ai", "sdxl"));
  const boundSdxl: Record<string, FieldOverlay> = {
    image: { hidden: true },
    mask: { hidden: true },
    width: { min: 256, max: 1024 },
    height: { min: 256, max: 1024 },
    seed: { seed: true, min: 0, max: 100 },
  };
  const derive = (properties: typeof lightning, overlay: Record<string, FieldOverlay>) => () =>
    deriveInputs("test", properties, overlay);

  it.each([
    [
      "a limit above the schema's maximum",
      lightning,
      { width: { max: 2048 } },
      /width: max 2048 is above the schema's maximum 1280/,
    ],
    ["a limit below the schema's minimum", lightning, { num_outputs: { min: 0 } }, /num_outputs: min 0 is below/],
    ["an input the version does not have", lightning, { strength: { hidden: true } }, /names strength, which is not an input/],
    ["hiding a required input", esrgan, { image: { hidden: true } }, /image: the model requires it/],
    ["an unbounded number left without limits", sdxl, boundSdxl, /refine_steps: the schema declares no bounds/],
    ["a default the tightened rule refuses", lightning, { width: { multipleOf: 300 } }, /default 1024 is not a multiple of 300/],
    [
      "an option not in the enum",
      lightning,
      { scheduler: { options: ["DDIM", "Euler"] } },
      /option Euler is not in the schema's enum/,
    ],
    [
      "a label for an option not offered",
      lightning,
      { scheduler: { options: ["DDIM", "K_EULER"], optionLabels: { PNDM: "P" } } },
      /scheduler: option PNDM is labelled but not offered/,
    ],
    [
      "two options that read the same",
      lightning,
      { scheduler: { optionLabels: { K_EULER: "DDIM" } } },
      /scheduler: two options read DDIM/,
    ],
    [
      "option labels on an input that is not an enum",
      lightning,
      { width: { optionLabels: { "1024": "Big" } } },
      /width: optionLabels is for enum/,
    ],
    [
      "a field shown with a value its enum does not offer",
      lightning,
      { seed: { seed: true, min: 0, max: 100 }, guidance_scale: { shownWhen: { field: "scheduler", is: "Turbo" } } },
      /guidance_scale: shownWhen names Turbo, which scheduler does not offer/,
    ],
    [
      "a field shown with another that is not an enum",
      lightning,
      { seed: { seed: true, min: 0, max: 100 }, guidance_scale: { shownWhen: { field: "width", is: "1024" } } },
      /guidance_scale: shownWhen names width, which is not an enum field/,
    ],
    [
      "a required field shown only sometimes",
      esrgan,
      { image: { shownWhen: { field: "face_enhance", is: "x" } } },
      /image: shownWhen cannot hide a required input/,
    ],
  ] as const)("refuses %s", (_what, properties, overlay, message) => {
    expect(derive(properties, overlay as Record<string, FieldOverlay>)).toThrow(message);
  });

  it("offers a file input as an image field (a mask names the image it is painted over)", () => {
    const { fields } = deriveInputs("test", esrgan, { image: { label: "Picture" } });
    expect(fields[0]).toMatchObject({ name: "image", kind: "image", label: "Picture", required: true });
    const sdxlFields = deriveInputs("test", sdxl, {
      ...boundSdxl,
      refine_steps: { min: 1, max: 10 },
      mask: { maskOf: "image" },
    }).fields;
    expect(sdxlFields.find((f) => f.name === "mask")).toMatchObject({ kind: "image", role: "mask", maskOf: "image" });
  });

  it("accepts tightening, relabelling and hiding", () => {
    const { fields, hidden } = deriveInputs("test", lightning, {
      width: { min: 512, max: 1024, multipleOf: 128, label: "W" },
      seed: { seed: true, min: 0, max: 100 },
      disable_safety_checker: { hidden: true },
    });
    expect(fields.find((f) => f.name === "width")).toMatchObject({ label: "W", min: 512, max: 1024, multipleOf: 128 });
    expect(hidden).toEqual(["disable_safety_checker"]);
  });
});
