// GET /api/health: liveness, answered by the process alone (no database, no cookie), so a load
// balancer can probe it for free; `npm run bench` uses it as the framework's own ceiling.
export function GET(): Response {
  return Response.json({ ok: true }, { headers: { "cache-control": "no-store" } });
}
