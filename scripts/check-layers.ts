// npm run lint: fails when an import breaks the layering (rules: scripts/layer-rules.ts).
// Usage: tsx scripts/check-layers.ts [root]   (root defaults to this repository)
import path from "node:path";
import { pathToFileURL } from "node:url";
import { cruise, type IViolation } from "dependency-cruiser";
import extractTSConfig from "dependency-cruiser/config-utl/extract-ts-config";
import { layerRules } from "./layer-rules";

export async function checkLayers(root: string): Promise<IViolation[]> {
  const tsConfigFile = path.join(root, "tsconfig.json");
  const previous = process.cwd();
  process.chdir(root); // dependency-cruiser reports paths relative to the working directory
  try {
    const result = await cruise(
      ["src"],
      {
        validate: true,
        ruleSet: { forbidden: layerRules(root) },
        tsPreCompilationDeps: true,
        tsConfig: { fileName: tsConfigFile },
        doNotFollow: { path: "node_modules" },
        exclude: { path: "\\.(css|svg|png)$" },
      },
      undefined,
      { tsConfig: extractTSConfig(tsConfigFile) },
    );
    if (typeof result.output === "string") throw new Error("unexpected string output");
    return result.output.summary.violations;
  } finally {
    process.chdir(previous);
  }
}

export function describeViolation(v: IViolation): string {
  const via = v.via?.length ? ` (via ${v.via.map((step) => (typeof step === "string" ? step : step.name)).join(" → ")})` : "";
  const cycle = v.cycle?.length ? ` (cycle: ${v.cycle.map((step) => step.name).join(" → ")})` : "";
  return `${v.rule.name}: ${v.from} → ${v.to}${via}${cycle}`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const root = path.resolve(process.argv[2] ?? path.join(import.meta.dirname, ".."));
  const violations = await checkLayers(root);
  for (const v of violations) console.error(describeViolation(v));
  if (violations.length > 0) {
    console.error(`\n${violations.length} import(s) break the layering; see scripts/layer-rules.ts for why each rule exists.`);
    process.exit(1);
  }
  console.log("Layers: no import breaks the rules in scripts/layer-rules.ts.");
}
