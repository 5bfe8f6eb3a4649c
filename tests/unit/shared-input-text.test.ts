import { describe, expect, it } from "vitest";
import { sharedInputText } from "../../src/client/format";

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
