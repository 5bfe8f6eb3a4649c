import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError, toResponse, validationError } from "../../src/lib/errors";
import { errorStatus } from "../../src/shared/api-error";

describe("error mapping", () => {
  it("maps each code to its status with one body shape", async () => {
    for (const [code, status] of Object.entries(errorStatus)) {
      const res = toResponse(new AppError(code as keyof typeof errorStatus, `msg ${code}`));
      expect(res.status).toBe(status);
      expect(await res.json()).toEqual({ error: { code, message: `msg ${code}` } });
    }
  });

  it("names the fields of a validation error", async () => {
    const parsed = z.object({ input: z.object({ prompt: z.string() }) }).safeParse({ input: { prompt: 1 } });
    const res = toResponse(validationError(parsed.error!));
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { fields: { path: string }[] } };
    expect(body.error.fields.map((f) => f.path)).toEqual(["input.prompt"]);
  });

  it("sends Retry-After on rate limits, and details beside the error", async () => {
    const res = toResponse(new AppError("rate_limited", "slow down", { retryAfter: 9.2, details: { generation: { id: "g" } } }));
    expect(res.headers.get("retry-after")).toBe("10");
    expect(await res.json()).toMatchObject({ generation: { id: "g" }, error: { code: "rate_limited" } });
  });

  it("never leaks internal details of unexpected errors", async () => {
    const res = toResponse(new Error("password=hunter2 at db.internal:5432"));
    expect(res.status).toBe(500);
    expect(JSON.stringify(await res.json())).not.toContain("hunter2");
  });
});
