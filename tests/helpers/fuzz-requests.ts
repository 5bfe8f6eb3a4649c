import fc from "fast-check";
import { cursorText, dateText, encode, json, nastyJson, nastyText, numberish, query, rawBody, segment } from "./fuzz-values";

// Request generators for the input fuzz suite (tests/integration/suites/input-fuzz.ts): every
// route's body, query and path, built from the values in ./fuzz-values.ts.

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
