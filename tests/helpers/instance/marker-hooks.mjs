// Module resolve hook for a second app instance run outside vitest (tests/helpers/second-instance.ts):
// the `server-only` / `client-only` marker packages resolve to an empty module, as vitest's alias does.
const empty = "data:text/javascript,export%20%7B%7D";

export async function resolve(specifier, context, next) {
  if (specifier === "server-only" || specifier === "client-only") return { url: empty, shortCircuit: true };
  return next(specifier, context);
}
