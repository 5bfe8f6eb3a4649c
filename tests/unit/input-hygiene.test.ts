import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { assertCleanJson, assertCleanParams, assertCleanQuery, MAX_JSON_DEPTH, textProblem } from "@/lib/http/input-hygiene";
import { pathProblem } from "@/lib/http/request-path";

// The one boundary check for text PostgreSQL refuses: which strings fail, and that the 400 names
// the field as the request spelled it.

function refusal(run: () => void): { path: string; message: string } | null {
  try {
    run();
    return null;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    expect(error.status).toBe(400);
    return error.fields?.[0] ?? null;
  }
}

describe("text the database cannot store", () => {
  it("refuses NUL and unpaired surrogates, accepts every other string", () => {
    for (const bad of ["\u0000", "a\u0000b", "\ud800", "x\udfff", "\udc00\ud800", "🦊\ud83e"])
      expect(textProblem(bad)).not.toBeNull();
    for (const good of ["", "plain", "🦊 fox", "\uFFFD", "emoji 👩‍🚀", "\u0001\u001f", "中文", "\ud83e\udd8a"])
      expect(textProblem(good)).toBeNull();
  });

  it("names the first bad field of a JSON body as the request did, keys included", () => {
    expect(refusal(() => assertCleanJson({ model: "sdxl", input: { prompt: "a\u0000b" } }))).toMatchObject({
      path: "input.prompt",
    });
    expect(refusal(() => assertCleanJson({ input: { negative_prompt: "\ud800" } }))).toMatchObject({
      path: "input.negative_prompt",
    });
    expect(refusal(() => assertCleanJson({ ids: ["gen_ok", "\u0000"] }))).toMatchObject({ path: "ids.1" });
    expect(refusal(() => assertCleanJson({ input: { "bad\u0000key": 1 } }))?.path).toBe("input.bad\uFFFDkey");
    expect(refusal(() => assertCleanJson("\u0000"))).toMatchObject({ path: "body" });
    expect(refusal(() => assertCleanJson({ model: "sdxl", input: { prompt: "fine 🦊", n: 2, ok: true, x: null } }))).toBeNull();
  });

  it(`refuses JSON nested deeper than ${MAX_JSON_DEPTH} levels without recursing`, () => {
    let deep: unknown = "leaf";
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(refusal(() => assertCleanJson(deep))?.message).toMatch(/Nested more than/);
    let ok: unknown = "leaf";
    for (let i = 0; i < MAX_JSON_DEPTH; i++) ok = { a: ok };
    expect(refusal(() => assertCleanJson(ok))).toBeNull();
  });

  it("checks query parameters and decoded path parameters by name", () => {
    expect(refusal(() => assertCleanQuery(new URLSearchParams("q=fox%00&model=sdxl")))).toMatchObject({ path: "q" });
    expect(refusal(() => assertCleanQuery(new URLSearchParams("%00=1")))?.message).toMatch(/name/);
    expect(refusal(() => assertCleanQuery(new URLSearchParams("q=%ff")))).toBeNull(); // decoded as U+FFFD: storable
    expect(refusal(() => assertCleanParams({ id: "gen_\u0000" }))).toMatchObject({ path: "id" });
    expect(refusal(() => assertCleanParams({ key: ["generations", "x", "\u0000.png"] }))).toMatchObject({ path: "key" });
    expect(refusal(() => assertCleanParams({ id: "gen_abc" }))).toBeNull();
  });
});

describe("URL paths Next cannot decode", () => {
  it("flags malformed percent-encoding and NUL, in any segment", () => {
    for (const bad of [
      "/api/generations/%ff",
      "/api/files/generations/x/%ff%fe.png",
      "/api/generations/%e2%82/cancel",
      "/api/generations/%00",
      "/generations/%ED%A0%80",
      "/api/x/%",
    ]) {
      expect(pathProblem(bad), bad).not.toBeNull();
    }
    for (const good of [
      "/",
      "/api/generations/gen_abc",
      "/api/files/generations/x/0.png",
      "/generations/%E2%82%AC",
      "/api/a%20b",
      "/api/%2F",
    ]) {
      expect(pathProblem(good), good).toBeNull();
    }
  });
});
