// Where two JSON values differ, as dotted paths (`components.schemas.Input.properties.width.maximum`).

export type Difference = { path: string; expected: unknown; actual: unknown };

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

export function jsonDifferences(expected: unknown, actual: unknown, at = ""): Difference[] {
  if (isObject(expected) && isObject(actual)) {
    const keys = [...new Set([...Object.keys(expected), ...Object.keys(actual)])];
    return keys.flatMap((key) => jsonDifferences(expected[key], actual[key], at ? `${at}.${key}` : key));
  }
  if (Array.isArray(expected) && Array.isArray(actual) && expected.length === actual.length) {
    return expected.flatMap((item, i) => jsonDifferences(item, actual[i], `${at}[${i}]`));
  }
  return JSON.stringify(expected) === JSON.stringify(actual) ? [] : [{ path: at || "(root)", expected, actual }];
}

/** `width.maximum` for a change inside the Input schema; the full path otherwise. */
export function describePath(path: string): string {
  const input = /^components\.schemas\.Input\.properties\.(.+)$/.exec(path);
  return input ? `input ${input[1]}` : path;
}
