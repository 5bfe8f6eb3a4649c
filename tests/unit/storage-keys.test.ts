import { describe, expect, it } from "vitest";
import { contentTypeForKey, generationPrefix, isSupportedImageType, outputKey } from "@/lib/storage/keys";
import { isValidKey } from "@/lib/storage/local-disk";

describe("outputKey", () => {
  it.each([
    ["image/png", "png"],
    ["image/webp", "webp"],
    ["image/jpeg", "jpg"],
    ["image/gif", "gif"],
    ["IMAGE/PNG; charset=binary", "png"],
  ])("names %s outputs .%s", (contentType, ext) => {
    expect(outputKey("gen_AbC-123", 2, contentType)).toBe(`generations/gen_AbC-123/2.${ext}`);
  });

  it("is the same key every time, so a retry overwrites", () => {
    expect(outputKey("g1", 0, "image/webp")).toBe(outputKey("g1", 0, "image/webp"));
    expect(generationPrefix("g1")).toBe("generations/g1/");
  });

  it.each(["", "../etc", "a/b", "a.b", "a b", "ü", "x".repeat(65)])("refuses generation id %j", (id) => {
    expect(() => outputKey(id, 0, "image/png")).toThrow(/generation id/);
  });

  it.each([-1, 1.5, Number.NaN])("refuses index %s", (index) => {
    expect(() => outputKey("g1", index, "image/png")).toThrow(/index/);
  });

  it.each(["image/svg+xml", "image/avif", "text/html", ""])("refuses content type %j", (type) => {
    expect(isSupportedImageType(type)).toBe(false);
    expect(() => outputKey("g1", 0, type)).toThrow(/content type/);
  });
});

describe("contentTypeForKey", () => {
  it("maps extensions back to image types", () => {
    expect(contentTypeForKey("generations/g/0.png")).toBe("image/png");
    expect(contentTypeForKey("generations/g/0.JPG")).toBe("image/jpeg");
    expect(contentTypeForKey("generations/g/0.svg")).toBe("application/octet-stream");
    expect(contentTypeForKey("generations/g/constructor")).toBe("application/octet-stream");
    expect(contentTypeForKey("a.constructor")).toBe("application/octet-stream");
  });
});

describe("isValidKey (local disk paths)", () => {
  it.each(["generations/g1/0.png", "a", "a/b-c_d.e"])("accepts %j", (key) => {
    expect(isValidKey(key)).toBe(true);
  });
  it.each(["", "/etc/passwd", "../x", "a/../b", "a/..", "a//b", "a/", "./a", "a/.tmp", "a\\b", "a b", "a%2e", "é"])(
    "refuses %j",
    (key) => {
      expect(isValidKey(key)).toBe(false);
    },
  );
});
