// Conditional GETs: whether an If-None-Match header (a list of tags, compared weakly, as RFC 9110
// says for If-None-Match) names the response's current ETag.

export function ifNoneMatchNames(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const weak = (tag: string) => tag.trim().replace(/^W\//, "");
  return ifNoneMatch.split(",").some((tag) => weak(tag) === weak(etag));
}
