import { describe, expect, it } from "vitest";
import { carryOver, toInput, validateAll } from "@/client/form-values";
import { pollDelay } from "@/client/poll-backoff";
import { findModel } from "@/lib/replicate/models";

// The browser form's rules: what it sends, what it refuses, and how often it polls.

const fields = findModel("sdxl-lightning")?.fields ?? [];

describe("generation form values", () => {
  it("sends only what the user set, as numbers where the field is numeric", () => {
    const input = toInput(fields, {
      prompt: "  a fox  ",
      negative_prompt: "",
      width: "768",
      height: "1024", // the default: left to the server
      seed: "42",
      scheduler: "K_EULER", // the default
    });
    // The model's negative prompt ("worst quality, low quality") cleared: the empty text is sent.
    expect(input).toEqual({ prompt: "a fox", negative_prompt: "", width: 768, seed: 42 });
    expect(toInput(fields, { prompt: "a fox", negative_prompt: "worst quality, low quality", seed: "0" })).toEqual({
      prompt: "a fox",
      seed: 0,
    });
  });

  it("checks required, range and whole numbers like the server does", () => {
    const errors = validateAll(fields, { prompt: " ", width: "2000", height: "300", num_outputs: "1.5", seed: "-1" });
    expect(errors).toEqual({
      prompt: "Prompt is required",
      width: "Must be at most 1280",
      height: "Must be a multiple of 64",
      num_outputs: "Must be a whole number",
      seed: "Must be at least 0",
    });
    // FLUX treats seed 0 as "random", so its form starts seeds at 1.
    const flux = findModel("flux-schnell")?.fields ?? [];
    expect(validateAll(flux, { prompt: "ok", seed: "0" })).toEqual({ seed: "Must be at least 1" });
    expect(validateAll(fields, { prompt: "ok", width: "" })).toEqual({});
  });

  it("keeps the prompt and seed when switching models, not tuned numbers", () => {
    const flux = findModel("flux-schnell")?.fields ?? [];
    expect(carryOver({ prompt: "p", seed: "7", width: "512", num_outputs: "3" }, flux)).toEqual({ prompt: "p", seed: "7" });
  });
});

describe("poll backoff", () => {
  it("starts near 1 s and rises to 5 s while nothing changes", () => {
    const delays = [0, 1, 2, 3, 4, 5, 10].map(pollDelay);
    expect(delays[0]).toBe(1000);
    expect(delays).toEqual([...delays].sort((a, b) => a - b));
    expect(delays.at(-1)).toBe(5000);
  });
});
