import { describe, expect, it } from "vitest";
import { outputPickName } from "../../src/client/format";

// "From my images…": every tile's name says which image it is, so many of them tell apart.
const now = Date.parse("2026-05-01T12:00:00Z");
const run = (input: Record<string, unknown>, outputs: number, createdAt: string, modelLabel = "SDXL Lightning") => ({
  input,
  modelLabel,
  createdAt,
  outputs: Array.from({ length: outputs }, () => ({
    url: "/x.png",
    contentType: "image/png",
    width: 1,
    height: 1,
    variants: [],
  })),
});

describe("outputPickName", () => {
  it("names the prompt, the model, which image and when", () => {
    expect(outputPickName(run({ prompt: " A red fox " }, 4, "2026-05-01T11:55:00Z"), 1, now)).toBe(
      "Use “A red fox” from SDXL Lightning, image 2 of 4, 5 minutes ago",
    );
  });

  it("leaves out the count for a run of one image, and cuts a long prompt", () => {
    const long = `A ${"very ".repeat(20)}long prompt`;
    const name = outputPickName(run({ prompt: long }, 1, "2026-04-30T12:00:00Z"), 0, now);
    expect(name).toMatch(/^Use “A very very .{40,}…” from SDXL Lightning, yesterday$/);
  });

  it("names the tool for a run without a prompt", () => {
    expect(outputPickName(run({ image: "/a.png", scale: 2 }, 1, "2026-05-01T12:00:00Z", "Upscale"), 0, now)).toBe(
      "Use the Upscale output, just now",
    );
    // A label with its own parentheses reads plainly.
    expect(outputPickName(run({ prompt: "Make it blue" }, 1, "2026-05-01T12:00:00Z", "Edit (Kontext)"), 0, now)).toBe(
      "Use “Make it blue” from Edit (Kontext), just now",
    );
    expect(outputPickName(run({ prompt: "  " }, 2, "2026-05-01T10:00:00Z", "Remove background"), 1, now)).toBe(
      "Use the Remove background output, image 2 of 2, 2 hours ago",
    );
  });
});
