import fc from "fast-check";

// Value generators for the input fuzz suite (tests/integration/suites/input-fuzz.ts): strings that
// have broken things before (NUL, lone surrogates, undecodable percent-encoding, impossible dates,
// forged cursors) mixed with ordinary ones, and how they travel (JSON, query, path).

/** Code units that broke storage or parsing before, plus ordinary and tricky text. */
const nastyUnit = fc.constantFrom(
  "\u0000",
  "\ud800",
  "\udbff",
  "\udc00",
  "\udfff",
  "a",
  "Z",
  "0",
  " ",
  "é",
  "🦊",
  "%",
  "\\",
  "'",
  '"',
  "_",
  "|",
  "\u202e",
  "\uffff",
  "\n",
);
export const nastyText = fc.oneof(
  fc.string({ unit: nastyUnit, maxLength: 12 }),
  fc.string({ unit: "binary", maxLength: 24 }),
  fc.constantFrom("", "\u0000", "\ud800", "a\u0000b", "fox\udfff", "x".repeat(3000)),
);

export const dateText = fc.oneof(
  fc.constantFrom(
    "0000-01-01",
    "275760-09-13",
    "2025-02-30",
    "2024-02-29",
    "2023-02-29",
    "9999-12-31",
    "0001-01-01",
    "0001-01-01T00:00:00+01:00",
    "2025-06-01T24:00:00Z",
    "2025-06-01T12:00:00.123456-05:30",
    "-000001-01-01",
    "1",
    "March 7 2025",
  ),
  fc
    .tuple(fc.integer({ min: 0, max: 99999 }), fc.integer({ min: 0, max: 14 }), fc.integer({ min: 0, max: 33 }))
    .map(([y, m, d]) => `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`),
);

const b64 = (text: string) => Buffer.from(text).toString("base64url");
export const cursorText = fc.oneof(
  fc.constantFrom(
    b64("2025-02-30T00:00:00.000000Z|gen_x"),
    b64("0000-01-01T00:00:00Z|gen_x"),
    b64("2025-06-01T00:00:00Z|gen_\u0000"),
    b64("2025-06-01T00:00:00.123456Z|gen_abcdefghijklmnopqrstuv"),
    "%%%",
    "",
  ),
  fc.tuple(dateText, nastyText).map(([d, id]) => b64(`${d}T00:00:00Z|${id}`)),
  nastyText.map(b64),
);

export const numberish = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom("1e400", "NaN", "-1", "0", "101", "50", "0x10", " 7 ", "", null, true, [], {}),
);

/** Percent-encoded UTF-8; a lone surrogate has no UTF-8 form, so a URL carries U+FFFD instead. */
export const encode = (text: string) =>
  encodeURIComponent(text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD"));

/** A query or path value as sent on the wire: valid encoding, raw bytes, or broken escapes. */
const encodedText = (text: fc.Arbitrary<string>) =>
  fc.oneof(
    { weight: 3, arbitrary: text.map(encode) },
    {
      weight: 1,
      arbitrary: fc
        .uint8Array({ maxLength: 6 })
        .map((bytes) => [...bytes].map((b) => `%${b.toString(16).padStart(2, "0")}`).join("")),
    },
    { weight: 1, arbitrary: fc.constantFrom("%ff", "%00", "%e2%82", "%", "%zz", "%ED%A0%80", "%2F", "..") },
  );

export const query = (names: string[], values: Record<string, fc.Arbitrary<string>> = {}) =>
  fc
    .array(
      fc.oneof(
        fc.constantFrom(...names).chain((name) => fc.tuple(fc.constant(name), encodedText(values[name] ?? nastyText))),
        fc.tuple(encodedText(nastyText), encodedText(nastyText)),
      ),
      { maxLength: 5 },
    )
    .map((pairs) => (pairs.length ? `?${pairs.map(([n, v]) => `${n}=${v}`).join("&")}` : ""));

export const segment = (known: string[]) =>
  fc.oneof(
    { weight: 2, arbitrary: fc.constantFrom(...known) },
    { weight: 3, arbitrary: encodedText(nastyText) },
    { weight: 1, arbitrary: fc.stringMatching(/^gen_[A-Za-z0-9_-]{22}$/) },
  );

/** JSON values whose strings and keys come from nastyText, nested a little. */
export const nastyJson: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    nastyText,
    numberish,
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(nastyText, tie("value"), { maxKeys: 4 }),
  ),
})).value;

export const json = (value: fc.Arbitrary<unknown>) => value.map((v) => JSON.stringify(v) ?? "null");
export const rawBody = fc.oneof(
  fc.uint8Array({ maxLength: 64 }),
  fc.constantFrom("", "{", "[]", "null", '"\\u0000"', `{"input":${"[".repeat(5000)}`, `{"a":"${"x".repeat(40_000)}"}`),
);
