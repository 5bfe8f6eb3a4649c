import fc from "fast-check";

// Request generators for the input fuzz suite (tests/integration/input-fuzz.pg.test.ts): every
// route's body, query and path, built from strings that have broken things before (NUL, lone
// surrogates, undecodable percent-encoding, impossible dates) mixed with ordinary ones.

export type Caller = "browser" | "admin" | "stranger";
export type FuzzRequest = {
  route: string;
  caller: Caller;
  method: "GET" | "POST" | "DELETE";
  /** Path and query exactly as sent (percent-encoding untouched). */
  target: string;
  body?: string | Uint8Array;
  headers?: Record<string, string>;
};

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

const numberish = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom("1e400", "NaN", "-1", "0", "101", "50", "0x10", " 7 ", "", null, true, [], {}),
);

/** Percent-encoded UTF-8; a lone surrogate has no UTF-8 form, so a URL carries U+FFFD instead. */
const encode = (text: string) =>
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

const query = (names: string[], values: Record<string, fc.Arbitrary<string>> = {}) =>
  fc
    .array(
      fc.oneof(
        fc.constantFrom(...names).chain((name) => fc.tuple(fc.constant(name), encodedText(values[name] ?? nastyText))),
        fc.tuple(encodedText(nastyText), encodedText(nastyText)),
      ),
      { maxLength: 5 },
    )
    .map((pairs) => (pairs.length ? `?${pairs.map(([n, v]) => `${n}=${v}`).join("&")}` : ""));

const segment = (known: string[]) =>
  fc.oneof(
    { weight: 2, arbitrary: fc.constantFrom(...known) },
    { weight: 3, arbitrary: encodedText(nastyText) },
    { weight: 1, arbitrary: fc.stringMatching(/^gen_[A-Za-z0-9_-]{22}$/) },
  );

/** JSON values whose strings and keys come from nastyText, nested a little. */
const nastyJson: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    nastyText,
    numberish,
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(nastyText, tie("value"), { maxKeys: 4 }),
  ),
})).value;

const json = (value: fc.Arbitrary<unknown>) => value.map((v) => JSON.stringify(v) ?? "null");
const rawBody = fc.oneof(
  fc.uint8Array({ maxLength: 64 }),
  fc.constantFrom("", "{", "[]", "null", '"\\u0000"', `{"input":${"[".repeat(5000)}`, `{"a":"${"x".repeat(40_000)}"}`),
);

const modelKey = fc.oneof(fc.constantFrom("sdxl-lightning", "sdxl", "flux-schnell"), nastyText);
/** Bodies the schema accepts, so creates, quotas and the emulator are reached too. */
const plausibleCreate = json(
  fc.record({
    model: fc.constantFrom("sdxl-lightning", "flux-schnell"),
    input: fc.record({ prompt: fc.string({ minLength: 1, maxLength: 40 }).filter((p) => p.trim() !== "") }),
  }),
);
const createBody = fc.oneof(
  { weight: 5, arbitrary: plausibleCreate },
  {
    weight: 4,
    arbitrary: json(
      fc.record(
        {
          model: modelKey,
          input: fc.record(
            {
              prompt: nastyText,
              negative_prompt: nastyText,
              width: numberish,
              height: numberish,
              num_outputs: numberish,
              seed: numberish,
              aspect_ratio: nastyText,
              extra: nastyJson,
            },
            { requiredKeys: ["prompt"] },
          ),
          idempotencyKey: fc.oneof(nastyText, fc.stringMatching(/^[A-Za-z0-9_-]{8,20}$/)),
        },
        { requiredKeys: ["model", "input"] },
      ),
    ),
  },
  { weight: 1, arbitrary: json(nastyJson) },
  { weight: 1, arbitrary: rawBody },
);

export type FuzzWorld = {
  /** A succeeded generation (with a stored output) and one held running, with their prediction ids. */
  generationId: string;
  predictionId: string;
  heldId: string;
  heldPredictionId: string;
  outputPath: string[];
  signWebhook: (body: string) => Record<string, string>;
};

/** One request to any route of the API, with the caller it is sent as. */
export function fuzzRequest(world: FuzzWorld): fc.Arbitrary<FuzzRequest> {
  const ids = [world.generationId, world.heldId, "gen_x", ""];
  const statuses = ["", "active", "queued", "succeeded", "failed", "canceled", "processing", "\u0000"];
  const adminQuery = query(["status", "model", "owner", "q", "from", "to", "cursor", "limit"], {
    status: fc.constantFrom(...statuses),
    from: dateText,
    to: dateText,
    cursor: cursorText,
    limit: numberish.map(String),
  });
  const prediction = fc.record({
    id: fc.oneof(nastyText, fc.constantFrom(world.predictionId, world.heldPredictionId)),
    status: fc.constantFrom("starting", "processing", "succeeded", "failed", "canceled", "aborted", "\u0000", "weird"),
    logs: nastyText,
    error: fc.oneof(nastyText, nastyJson),
    output: fc.oneof(fc.constant(null), fc.array(nastyText, { maxLength: 2 })),
    metrics: fc.oneof(fc.constant({}), fc.record({ predict_time: numberish })),
  });
  // Signed as Replicate signs, for the held generation mostly (events that change its row).
  const signed = fc.tuple(prediction, fc.constantFrom(world.heldId, world.heldId, world.generationId)).map(([p, generation]) => {
    const body = JSON.stringify(p);
    return { body, generation, headers: world.signWebhook(body) };
  });
  const req = (r: Omit<FuzzRequest, "caller"> & { caller?: Caller }): FuzzRequest => ({ caller: "browser", ...r });
  return fc.oneof(
    createBody.map((body) => req({ route: "POST /api/generations", method: "POST", target: "/api/generations", body })),
    query(["cursor", "limit"], { cursor: cursorText, limit: numberish.map(String) }).map((q) =>
      req({ route: "GET /api/generations", method: "GET", target: `/api/generations${q}` }),
    ),
    fc
      .tuple(segment(ids), query(["x"]))
      .map(([id, q]) => req({ route: "GET /api/generations/:id", method: "GET", target: `/api/generations/${id}${q}` })),
    segment(ids).map((id) =>
      req({ route: "POST /api/generations/:id/cancel", method: "POST", target: `/api/generations/${id}/cancel` }),
    ),
    fc
      .array(segment(world.outputPath), { minLength: 1, maxLength: 4 })
      .map((parts) => req({ route: "GET /api/files/:key", method: "GET", target: `/api/files/${parts.join("/")}` })),
    json(fc.oneof(fc.record({ password: nastyText }), nastyJson)).map((body) =>
      req({ route: "POST /api/admin/session", caller: "stranger", method: "POST", target: "/api/admin/session", body }),
    ),
    fc.constant(req({ route: "DELETE /api/admin/session", caller: "stranger", method: "DELETE", target: "/api/admin/session" })),
    adminQuery.map((q) =>
      req({ route: "GET /api/admin/generations", caller: "admin", method: "GET", target: `/api/admin/generations${q}` }),
    ),
    segment(ids).map((id) =>
      req({ route: "GET /api/admin/generations/:id", caller: "admin", method: "GET", target: `/api/admin/generations/${id}` }),
    ),
    fc
      .oneof(
        json(fc.record({ ids: fc.array(fc.oneof(nastyText, fc.constantFrom(...ids)), { maxLength: 4 }) })),
        json(fc.record({ allRunning: fc.oneof(fc.constant(true), nastyJson) })),
        json(nastyJson),
        rawBody,
      )
      .map((body) =>
        req({
          route: "POST /api/admin/generations/cancel",
          caller: "admin",
          method: "POST",
          target: "/api/admin/generations/cancel",
          body,
        }),
      ),
    query(["from"]).map((q) =>
      req({ route: "GET /api/admin/summary", caller: "admin", method: "GET", target: `/api/admin/summary${q}` }),
    ),
    fc
      .tuple(
        query(["generation"], { generation: fc.constantFrom(world.generationId, "gen_x") }),
        fc.oneof(rawBody, json(nastyJson)),
      )
      .map(([q, body]) =>
        req({
          route: "POST /api/webhooks/replicate",
          caller: "stranger",
          method: "POST",
          target: `/api/webhooks/replicate${q}`,
          body,
        }),
      ),
    signed.map(({ body, generation, headers }) =>
      req({
        route: "POST /api/webhooks/replicate (signed)",
        caller: "stranger",
        method: "POST",
        target: `/api/webhooks/replicate?generation=${generation}`,
        body,
        headers,
      }),
    ),
    nastyText.map((auth) =>
      req({
        route: "GET /api/cron/reconcile",
        caller: "stranger",
        method: "GET",
        target: "/api/cron/reconcile",
        headers: { authorization: encode(auth) },
      }),
    ),
    query(["x"]).map((q) => req({ route: "GET /api/models", caller: "stranger", method: "GET", target: `/api/models${q}` })),
  );
}
