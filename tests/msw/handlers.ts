import { HttpResponse, http } from "msw";

// Replicate's API as msw handlers, for unit tests only (never in product code).
export const REPLICATE_API = "https://api.replicate.com/v1";

export const prediction = (overrides: Record<string, unknown> = {}) => ({
  id: "ufawqhfynnddngldkgtslldrkq",
  version: "5599ed30703defd1d160a25a63321b4dec97101d98b4674bcc56e41f62f35637",
  status: "starting",
  input: { prompt: "x" },
  output: null,
  error: null,
  logs: "",
  created_at: "2026-11-22T08:00:00.123456789Z",
  started_at: null,
  completed_at: null,
  metrics: {},
  urls: {
    get: `${REPLICATE_API}/predictions/ufawqhfynnddngldkgtslldrkq`,
    cancel: `${REPLICATE_API}/predictions/ufawqhfynnddngldkgtslldrkq/cancel`,
  },
  ...overrides,
});

export const problem = (status: number, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  HttpResponse.json({ status, ...body }, { status, headers });

export const createAnswers = {
  created: () => http.post(`${REPLICATE_API}/predictions`, () => HttpResponse.json(prediction(), { status: 201 })),
  rateLimited: () =>
    http.post(`${REPLICATE_API}/predictions`, () =>
      problem(429, { detail: "Request was throttled. Your rate limit resets in ~7s.", retry_after: 7 }, { "retry-after": "7" }),
    ),
  serverError: () => http.post(`${REPLICATE_API}/predictions`, () => problem(500, { detail: "Internal server error" })),
  networkError: () => http.post(`${REPLICATE_API}/predictions`, () => HttpResponse.error()),
  invalidInput: () =>
    http.post(`${REPLICATE_API}/predictions`, () =>
      problem(422, {
        title: "Input validation failed",
        detail: "- input.num_inference_steps: Must be less than or equal to 4\n",
        invalid_fields: [
          { type: "number_lte", field: "input.num_inference_steps", description: "Must be less than or equal to 4" },
        ],
      }),
    ),
};
