import { describe, expect, it } from "vitest";
import { formatUsd, imageCount, sharedInputText, yourImages, yourImagesAre } from "../../src/client/format";

// A comparison's page says what its runs share; a tool's runs share an image, not a prompt or seed.
describe("sharedInputText", () => {
  it.each([
    [{ prompt: "a fox", seed: 42 }, "one prompt and seed 42"],
    [{ prompt: "a fox" }, "one prompt"],
    [{ image: "https://x/a.png" }, "one image"],
    [{ image: "https://x/a.png", scale: 2 }, "one image"],
    [{ input_image: "https://x/a.png", prompt: "make it blue", seed: 7 }, "one image, one prompt and seed 7"],
    [{ prompt: "   " }, "the same input"],
    [{}, "the same input"],
  ])("%j → %s", (input, text) => {
    expect(sharedInputText(input)).toBe(text);
  });
});

// A run's status speaks of as many images as it gives: one, or the number asked for until it ends.
describe("imageCount", () => {
  const run = (status: "processing" | "succeeded", input: Record<string, unknown>, outputs = 0) => ({
    status,
    input,
    outputs: Array.from({ length: outputs }, (_, index) => ({
      url: `/o/${index}`,
      contentType: "image/png",
      width: 1,
      height: 1,
      variants: [],
    })),
  });
  it("is the number asked for while it runs, and the number saved once it has succeeded", () => {
    expect(imageCount(run("processing", { num_outputs: 3 }))).toBe(3);
    expect(imageCount(run("processing", {}))).toBe(1);
    expect(imageCount(run("succeeded", { num_outputs: 3 }, 2))).toBe(2);
    expect(imageCount(run("succeeded", {}, 1))).toBe(1);
  });
  it("says one image in the singular", () => {
    expect([yourImages(1), yourImagesAre(1)]).toEqual(["your image", "Your image is"]);
    expect([yourImages(3), yourImagesAre(3)]).toEqual(["your 3 images", "Your 3 images are"]);
  });
});

// Costs keep two significant digits below a dollar: a small sum is never rounded to a cent it is not.
describe("formatUsd", () => {
  it.each([
    [0, "$0.00"],
    [0.0036, "$0.0036"],
    [0.0144, "$0.014"],
    [0.04, "$0.04"],
    [0.16, "$0.16"],
    [0.1, "$0.10"],
    [0.005, "$0.005"],
    [0.00999, "$0.01"],
    [0.999, "$1.00"],
    [1.234, "$1.23"],
    [12, "$12.00"],
    [0.0000001, "$0.0000001"],
    [0.0095, "$0.0095"],
    [-0.004, "-$0.004"],
    [-2.345, "-$2.35"],
  ])("%f → %s", (usd, text) => {
    expect(formatUsd(usd)).toBe(text);
  });
});
