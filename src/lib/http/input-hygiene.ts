import "server-only";
import { textProblem } from "@/shared/storable-text";
import { AppError } from "../errors";

// Text PostgreSQL (and the file system) refuse, caught once at the API's boundary instead of in
// every schema: NUL (text and jsonb reject it) and unpaired UTF-16 surrogates (JSON.parse makes
// them from "\ud800"; jsonb rejects them, and they have no UTF-8 form). Every JSON body (in
// readJsonBody), query parameter and path parameter (in the route wrappers) passes through here,
// so a model's input schema never has to think about it.

/** Deeper JSON than any request of ours needs; bounds the walk below and anything after it. */
export const MAX_JSON_DEPTH = 32;

export { textProblem };

/** A field name fit for an error message even when the name itself is the problem. */
const printable = (name: string) => name.replaceAll("\u0000", "\uFFFD").replace(/[\uD800-\uDFFF]/g, "\uFFFD");

function refuse(path: string, message: string): AppError {
  const field = path || "body";
  return new AppError("bad_request", `Invalid request: ${field}: ${message}`, { fields: [{ path: field, message }] });
}

/**
 * Throws a 400 naming the first string (value or key) in a parsed JSON body that cannot be
 * stored, or a structure nested past MAX_JSON_DEPTH. Iterative, so no input can overflow the stack.
 */
export function assertCleanJson(value: unknown): void {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: "", depth: 0 }];
  for (let item = stack.pop(); item; item = stack.pop()) {
    const { value: v, path, depth } = item;
    if (typeof v === "string") {
      const problem = textProblem(v);
      if (problem) throw refuse(path, problem);
      continue;
    }
    if (typeof v !== "object" || v === null) continue;
    if (depth >= MAX_JSON_DEPTH) throw refuse(path, `Nested more than ${MAX_JSON_DEPTH} levels deep`);
    const join = (key: string) => (path ? `${path}.${key}` : key);
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], path: join(String(i)), depth: depth + 1 });
      continue;
    }
    const entries = Object.entries(v);
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, child] = entries[i] as [string, unknown];
      const problem = textProblem(key);
      if (problem) throw refuse(join(printable(key)), `Field name: ${problem}`);
      stack.push({ value: child, path: join(key), depth: depth + 1 });
    }
  }
}

/** Query parameters, names and values, named as sent (`?q=` → `q`). */
export function assertCleanQuery(params: URLSearchParams): void {
  for (const [name, value] of params) {
    const nameProblem = textProblem(name);
    if (nameProblem) throw refuse(printable(name), `Query parameter name: ${nameProblem}`);
    const problem = textProblem(value);
    if (problem) throw refuse(name, problem);
  }
}

/** Decoded path parameters (`[id]`, `[...key]`), named after their segment. */
export function assertCleanParams(params: unknown): void {
  if (typeof params !== "object" || params === null) return;
  for (const [name, value] of Object.entries(params)) {
    for (const part of Array.isArray(value) ? value : [value]) {
      if (typeof part !== "string") continue;
      const problem = textProblem(part);
      if (problem) throw refuse(name, problem);
    }
  }
}

/** Everything a route handler reads from the URL: its query and its decoded path parameters. */
export function assertCleanUrlInput(request: Request, params: unknown): void {
  assertCleanQuery(new URL(request.url).searchParams);
  assertCleanParams(params);
}
