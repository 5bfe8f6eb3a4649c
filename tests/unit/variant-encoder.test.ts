import { readFileSync } from "node:fs";
import { getPriority } from "node:os";
import sharp from "sharp";
import { afterEach, describe, expect, it, vi } from "vitest";
import { VariantEncoder } from "../../src/lib/storage/variant-encoder";
import { eventually } from "../helpers/emulator-control";

// The sized copies are encoded in a child process at the lowest CPU priority, so a burst of
// finished generations never takes the CPU from requests; without a child they are encoded here.

const settings = { widths: [320, 640], quality: 72, effort: 2 };
const image = (side: number) =>
  sharp({
    create: { width: side, height: side, channels: 3, background: "#000", noise: { type: "gaussian", mean: 128, sigma: 40 } },
  })
    .png()
    .toBuffer();

const encoders: VariantEncoder[] = [];
const encoder = (options?: ConstructorParameters<typeof VariantEncoder>[0]) => {
  const e = new VariantEncoder(options);
  encoders.push(e);
  return e;
};
afterEach(() => {
  for (const e of encoders.splice(0)) e.stop();
  vi.restoreAllMocks();
});

async function expectCopies(out: { data: Buffer; width: number; height: number }[], widths: number[]) {
  expect(out.map((o) => [o.width, o.height])).toEqual(widths.map((w) => [w, w]));
  for (const o of out) expect((await sharp(o.data).metadata()).format).toBe("webp");
}

describe("sized-copy encoder", () => {
  it("encodes in a child process at nice 19, in its own lowest-weight autogroup where Linux has one", async () => {
    const e = encoder();
    const out = await e.encode(await image(1024), settings);
    await expectCopies(out, settings.widths);
    const pid = e.pid as number;
    expect(pid).toBeGreaterThan(0);
    expect(pid).not.toBe(process.pid);
    expect(getPriority(pid)).toBe(19);
    const autogroup = (() => {
      try {
        return readFileSync(`/proc/${pid}/autogroup`, "utf8");
      } catch {
        return null; // not Linux, or no autogroup scheduling
      }
    })();
    if (autogroup !== null) expect(autogroup).toMatch(/nice 19/);
  });

  it("encodes in-process when no child comes up", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const e = encoder({ source: "process.exit(3)" });
    await expectCopies(await e.encode(await image(700), settings), settings.widths);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining("encoding in the server's process instead"));
    // And from then on, without trying again.
    await expectCopies(await e.encode(await image(700), settings), settings.widths);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(e.pid).toBeUndefined();
  });

  it("fails the encode whose child dies, and starts another for the next", async () => {
    const e = encoder();
    await e.encode(await image(400), settings);
    const first = e.pid as number;
    const big = await image(2048);
    const lost = e.encode(big, { ...settings, widths: [2048, 1024] });
    // The message is sent once the ready child is awaited (a microtask); the child is then busy.
    await new Promise((resolve) => setImmediate(resolve));
    process.kill(first, "SIGKILL");
    await expect(lost).rejects.toThrow(/exited \(SIGKILL\)/);
    await expectCopies(await e.encode(await image(400), settings), settings.widths);
    expect(e.pid).not.toBe(first);
  });

  it("lets an idle child go, and starts one again when needed", async () => {
    const e = encoder({ idleMs: 50 });
    await e.encode(await image(400), settings);
    const first = e.pid as number;
    await eventually(() => e.pid === undefined, 5_000, "the idle child to exit");
    await eventually(() => !isAlive(first), 5_000, "the idle child's process to end");
    await expectCopies(await e.encode(await image(400), settings), settings.widths);
    expect(e.pid).not.toBe(first);
  });

  it("answers an image sharp cannot read with the child's error, and the child stays", async () => {
    const e = encoder();
    await e.encode(await image(300), settings);
    const pid = e.pid;
    await expect(e.encode(Buffer.from("not an image"), settings)).rejects.toThrow(/unsupported image format|Input buffer/i);
    expect(e.pid).toBe(pid);
  });

  it("answers encodes sent at once each with its own copies, and goes idle only once all are answered", async () => {
    const e = encoder({ idleMs: 200 });
    const [a, b, c, big] = await Promise.all([image(400), image(500), image(600), image(2048)]);
    const answers = await Promise.all([
      e.encode(a, { ...settings, widths: [100] }),
      e.encode(b, { ...settings, widths: [200, 300] }),
      e.encode(c, { ...settings, widths: [50] }),
    ]);
    expect(answers.map((out) => out.map((o) => o.width))).toEqual([[100], [200, 300], [50]]);
    // A long encode (well over idleMs) right after: no idle timer armed by the answers above may
    // stop its child meanwhile.
    const pid = e.pid;
    await expectCopies(await e.encode(big, { ...settings, widths: [2048, 1024, 640] }), [2048, 1024, 640]);
    expect(e.pid).toBe(pid);
  });
});

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
