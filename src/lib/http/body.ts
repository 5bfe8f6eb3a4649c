import "server-only";
import type { z } from "zod";
import { AppError, validationError } from "../errors";
import { assertCleanJson } from "./input-hygiene";

/** Reads a request body as text, refusing more than `maxBytes` (413) without buffering past it. */
export async function readTextBody(request: Request, maxBytes: number): Promise<string> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw tooLarge(maxBytes);
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** A JSON body, parsed and checked for text the database cannot store (input-hygiene.ts). */
export async function readJsonBody(request: Request, maxBytes: number): Promise<unknown> {
  const text = await readTextBody(request, maxBytes);
  if (!text.trim())
    throw new AppError("bad_request", "Request body must be a JSON object", { fields: [{ path: "body", message: "Required" }] });
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new AppError("bad_request", "Request body is not valid JSON", {
      fields: [{ path: "body", message: "Not valid JSON" }],
    });
  }
  assertCleanJson(body);
  return body;
}

/** A JSON body that must match `schema`: anything else is a 400 naming the fields. */
export async function parseJsonBody<S extends z.ZodType>(request: Request, maxBytes: number, schema: S): Promise<z.output<S>> {
  const parsed = schema.safeParse(await readJsonBody(request, maxBytes));
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data;
}

function tooLarge(maxBytes: number): AppError {
  return new AppError("payload_too_large", `Request body is larger than ${Math.round(maxBytes / 1024)} KB`);
}
