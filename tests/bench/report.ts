import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import path from "node:path";

// The bench's figures: each a measured value beside the baseline it is judged against (measured
// in the same run), their ratio and the issue's target. Printed as a table and written to
// bench-results/<database>-<rows>.json.

export type Figure = {
  name: string;
  value: number;
  unit: string;
  /** What `value` is compared with, measured in the same run. */
  baseline?: { name: string; value: number };
  ratio?: number;
  target?: { op: ">=" | "<="; value: number; of: "ratio" | "value" };
  met?: boolean;
};

export function figure(
  name: string,
  value: number,
  unit: string,
  baseline?: { name: string; value: number },
  target?: Figure["target"],
): Figure {
  const ratio = baseline && baseline.value > 0 ? Math.round((value / baseline.value) * 100) / 100 : undefined;
  const judged = target?.of === "ratio" ? ratio : value;
  const met = target && judged !== undefined ? (target.op === ">=" ? judged >= target.value : judged <= target.value) : undefined;
  return { name, value, unit, baseline, ratio, target, met };
}

export function machine() {
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? "?",
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
  };
}

const fmt = (n: number | undefined) => (n === undefined ? "" : Number.isInteger(n) ? String(n) : n.toFixed(2));

export function table(figures: Figure[]): string {
  const rows = figures.map((f) => [
    f.name,
    `${fmt(f.value)} ${f.unit}`,
    f.baseline ? `${fmt(f.baseline.value)} ${f.unit} (${f.baseline.name})` : "",
    f.ratio === undefined ? "" : `${fmt(f.ratio)}×`,
    f.target ? `${f.target.op} ${f.target.value}${f.target.of === "ratio" ? "×" : ` ${f.unit}`}` : "",
    f.met === undefined ? "" : f.met ? "met" : "NOT MET",
  ]);
  const head = ["figure", "value", "baseline (same run)", "ratio", "target", ""];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(" | ")} |`;
  return [line(head), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

export function writeResults(name: string, results: unknown): string {
  const dir = path.resolve(import.meta.dirname, "../../bench-results");
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.json`);
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  return file;
}
