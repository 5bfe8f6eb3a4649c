import type { FirstLoadJs } from "./first-load-js";
import type { GalleryWeight } from "./gallery";
import type { LoadResult } from "./load";
import type { ListLatencies } from "./measure";
import type { CpuSample } from "./process-cpu";
import { type Figure, figure } from "./report";
import type { VisibleLatency } from "./visible";

// Issue 12's figures from one run's measurements, each beside its same-run baseline and with the
// issue's target. Lists are judged at BENCH_ROWS against themselves at ~1k rows.

type CpuPerDelivery = CpuSample | null;

type Measurements = {
  baselines: { bare304: LoadResult; staticFile: LoadResult; constantRoute: LoadResult; modelsRoute: LoadResult };
  polls: { notModified: LoadResult; ok: LoadResult; untagged: LoadResult };
  bigPolls: { notModified: LoadResult; constantRoute: LoadResult };
  lists: ListLatencies;
  creates: Record<string, LoadResult>;
  webhooks: { stale: LoadResult; fresh: LoadResult; cpuPerDelivery: { stale: CpuPerDelivery; fresh: CpuPerDelivery } };
  /** One round's fresh webhooks' sized copies, made after their answers (copies.ts). */
  copies: { outputs: number; drainMs: number };
  gallery: GalleryWeight;
  visible: VisibleLatency;
  /** The home page with the full studio, and a page with no client code of ours (the framework). */
  firstLoadJs: { home: FirstLoadJs; framework: FirstLoadJs };
  rows: { small: number; big: number; busyToday: number };
  database: "pglite" | "pg";
};

/**
 * CPU per webhook delivery, fresh against stale: the app's process group (with PGlite, the
 * database runs in it) and, on PostgreSQL, every postgres process on the machine. Left out when
 * /proc could not be read.
 */
function cpuFigures(m: Measurements): Figure[] {
  const { fresh, stale } = m.webhooks.cpuPerDelivery;
  if (!fresh || !stale) return [];
  const parts = m.database === "pg" ? (["app", "postgres"] as const) : (["app"] as const);
  const where = {
    app: m.database === "pg" ? "the app's process group" : "the app's process group (PGlite included)",
    postgres: "PostgreSQL (all its processes)",
  };
  return parts.map((part) =>
    figure(
      `webhook: CPU per delivery in ${where[part]}, fresh (until its sized copies are recorded) vs stale`,
      fresh[part],
      "ms",
      { name: "stale", value: stale[part] },
    ),
  );
}

const k = (n: number) =>
  n >= 1_000_000
    ? `${Math.round(n / 100_000) / 10}M`
    : n >= 10_000
      ? `${Math.round(n / 1000)}k`
      : n >= 1000
        ? `${Math.round(n / 100) / 10}k`
        : String(n);
const rate = (name: string, r: LoadResult | undefined) => ({ name, value: r?.rate ?? 0 });
const atLeast = (value: number) => ({ op: ">=" as const, value, of: "ratio" as const });
/** A ceiling on the figure itself (ms, bytes), not on its ratio. */
const atMost = (value: number) => ({ op: "<=" as const, value, of: "value" as const });

export function summarize(m: Measurements): Figure[] {
  const b = m.baselines;
  const big = `at ${k(m.rows.big)} rows`;
  const small = `at ${k(m.rows.small)} rows`;
  const health = rate("/api/health", b.constantRoute);
  const figures: Figure[] = [
    figure("static file vs bare Node 304", b.staticFile.rate, "req/s", rate("bare 304", b.bare304)),
    figure("constant route vs static file", b.constantRoute.rate, "req/s", rate("static file", b.staticFile)),
    figure("GET /api/models vs constant route", b.modelsRoute.rate, "req/s", health),
    figure("304 polls (100 conns) vs constant route", m.polls.notModified.rate, "req/s", health, atLeast(0.8)),
    figure("304 poll p99 (100 conns)", m.polls.notModified.p99, "ms", { name: "constant route p99", value: b.constantRoute.p99 }),
    figure("304 polls vs 200 polls (outdated tag)", m.polls.notModified.rate, "req/s", rate("200", m.polls.ok), atLeast(1.3)),
    figure("304 polls vs 200 polls (no tag)", m.polls.notModified.rate, "req/s", rate("200, no tag", m.polls.untagged)),
    figure(
      `304 polls vs constant route ${big}`,
      m.bigPolls.notModified.rate,
      "req/s",
      rate("/api/health", m.bigPolls.constantRoute),
    ),
  ];
  for (const [name, { small: s, big: l }] of Object.entries(m.lists)) {
    figures.push(figure(`${name} p50 ${big}`, l.p50, "ms", { name: small, value: s.p50 }, { op: "<=", value: 3, of: "ratio" }));
  }
  figures.push(
    figure(
      `creates/s ${big}, ${k(m.rows.busyToday)} created today vs none`,
      m.creates.busy?.rate ?? 0,
      "req/s",
      // Against a copy of the same database made the same way, none created today (seeding.ts).
      rate("none today", m.creates.quiet),
      atLeast(0.9),
    ),
    figure(`creates/s ${big} vs ${small}`, m.creates.big?.rate ?? 0, "req/s", rate(small, m.creates.small)),
    figure(
      "webhook: fresh completed (1 image) vs stale replay",
      m.webhooks.fresh.rate,
      "req/s",
      rate("stale", m.webhooks.stale),
      atLeast(0.6),
    ),
    // The stale replay's p99 beside it: the cheapest delivery's tail at the same concurrency.
    figure(
      "webhook: fresh completed p99 (20 concurrent, its best round)",
      m.webhooks.fresh.p99,
      "ms",
      { name: "stale replay p99, its best round", value: m.webhooks.stale.p99 },
      atMost(100),
    ),
    ...cpuFigures(m),
    figure(
      `sized copies of a round's ${m.copies.outputs} fresh outputs: the last one after its last answer`,
      m.copies.drainMs,
      "ms",
    ),
    figure(`completion → visible p50 (Chromium, ${m.visible.n} generations)`, m.visible.p50, "ms"),
    figure(`completion → visible p95 (Chromium, ${m.visible.n} generations)`, m.visible.p95, "ms", undefined, atMost(400)),
    figure("gallery: home page, 24 cards, first view", m.gallery.firstViewBytes, "bytes"),
    figure("gallery: home page, 24 cards, scrolled to the end", m.gallery.scrolledBytes, "bytes"),
    figure(
      "first-load JS, home (gzip bytes, Chromium)",
      m.firstLoadJs.home.gzipBytes,
      "bytes",
      { name: "framework alone (404 page)", value: m.firstLoadJs.framework.gzipBytes },
      atMost(110_000),
    ),
  );
  return figures;
}
