import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createAnswers, prediction, REPLICATE_API } from "../msw/handlers";

// The real SDK through our client singleton, Replicate mocked at the network layer.
const server = setupServer();
const sent: string[] = [];
let client: typeof import("../../src/lib/replicate/client");
let errors: typeof import("../../src/lib/replicate/errors");

beforeAll(async () => {
  Object.assign(process.env, { REPLICATE_API_TOKEN: "r8_unit_test_token", APP_URL: "https://app.example" });
  delete process.env.REPLICATE_BASE_URL;
  server.listen({ onUnhandledRequest: "error" });
  server.events.on("request:start", ({ request }) => sent.push(`${request.method} ${new URL(request.url).pathname}`));
  client = await import("../../src/lib/replicate/client");
  errors = await import("../../src/lib/replicate/errors");
});
afterEach(() => {
  server.resetHandlers();
  sent.length = 0;
});
afterAll(() => server.close());

const create = () => client.replicate().predictions.create({ version: "5599ed30", input: { prompt: "x" } });
const failureOf = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    return errors.describeUpstreamFailure(error);
  }
  throw new Error("expected a failure");
};

describe("replicate client", () => {
  it("talks to api.replicate.com with the token when configured", async () => {
    let auth: string | null = null;
    server.use(
      http.post(`${REPLICATE_API}/predictions`, ({ request }) => {
        auth = request.headers.get("authorization");
        return HttpResponse.json(prediction(), { status: 201 });
      }),
    );
    expect((await create()).id).toBe(prediction().id);
    expect(auth).toBe("Bearer r8_unit_test_token");
  });

  it("sends a create once on 429 (the SDK alone would send it 6 times) and reports the retry time", async () => {
    server.use(createAnswers.rateLimited());
    const failure = await failureOf(create());
    expect(sent).toEqual(["POST /v1/predictions"]);
    expect(failure.appError.code).toBe("rate_limited");
    expect(failure.appError.retryAfter).toBe(7);
    expect(failure.generationError).toMatch(/busy.*7 seconds/);
  });

  it("sends a create once on a network error, and says it may have started", async () => {
    server.use(createAnswers.networkError());
    const failure = await failureOf(create());
    expect(sent).toEqual(["POST /v1/predictions"]);
    expect(failure.appError.status).toBe(502);
    // A request that failed mid-way may have reached Replicate: not a refusal.
    expect(failure.refused).toBe(false);
    expect(failure.generationError).toMatch(/Lost contact with Replicate/);
  });

  it("calls a failure before any connection a refusal: nothing was sent", () => {
    const refused = new TypeError("fetch failed", {
      cause: Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }),
    });
    const failure = errors.describeUpstreamFailure(refused);
    expect(failure.refused).toBe(true);
    expect(failure.generationError).toMatch(/Could not reach Replicate. Nothing was started/);
    const timedOut = errors.describeUpstreamFailure(new DOMException("The operation was aborted due to timeout", "TimeoutError"));
    expect(timedOut.refused).toBe(false);
  });

  it("calls every answer from Replicate a refusal, 5xx included", async () => {
    server.use(createAnswers.serverError());
    expect((await failureOf(create())).refused).toBe(true);
  });

  it("maps a 5xx on create to 502 with a message a person understands", async () => {
    server.use(createAnswers.serverError());
    const failure = await failureOf(create());
    expect(sent).toEqual(["POST /v1/predictions"]);
    expect(failure.appError.status).toBe(502);
    expect(failure.generationError).toMatch(/Replicate is having trouble \(HTTP 500\)/);
  });

  it("maps Replicate's 422 to 422 with its invalid fields", async () => {
    server.use(createAnswers.invalidInput());
    const failure = await failureOf(create());
    expect(failure.appError.status).toBe(422);
    expect(failure.appError.fields).toEqual([{ path: "input.num_inference_steps", message: "Must be less than or equal to 4" }]);
  });

  it("sends a GET once on 5xx (the SDK alone would send 6 back to back): the next check is the next interval", async () => {
    let calls = 0;
    server.use(
      http.get(`${REPLICATE_API}/predictions/:id`, () => {
        calls += 1;
        return HttpResponse.json({ detail: "oops" }, { status: 503 });
      }),
    );
    const error = await client
      .replicate()
      .predictions.get("ufawqhfynnddngldkgtslldrkq")
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ response: { status: 503 } });
    expect(calls).toBe(1);
    // A second call is a second request.
    await client
      .replicate()
      .predictions.get("ufawqhfynnddngldkgtslldrkq")
      .catch(() => undefined);
    expect(calls).toBe(2);
  });

  it("allows outputs only from Replicate's file host in hosted mode", async () => {
    const { allowedOutputHosts } = await import("../../src/lib/storage/download-policy");
    expect(allowedOutputHosts()).toEqual(["replicate.delivery"]);
  });
});
