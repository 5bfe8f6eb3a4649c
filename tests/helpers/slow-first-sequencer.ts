import path from "node:path";
import { BaseSequencer, type TestSpecification } from "vitest/node";

// Which file starts last decides when a run ends: with more files than cores, a long file that
// starts late keeps one worker busy after the rest are done. vitest orders files by their last
// duration, but a fresh clone (and CI) has no record of one; it then keeps the glob's order,
// which puts the unit tests (a second each) before the integration files (5-15 s each).
// Without a record, this runs the slow folders first.

const FOLDER_RANK = ["soak", "integration", "tooling", "emulator", "msw", "unit"];

const rank = (spec: TestSpecification): number => {
  const folder = path.relative(path.join(spec.project.config.root, "tests"), spec.moduleId).split(path.sep)[0];
  const index = FOLDER_RANK.indexOf(folder ?? "");
  return index === -1 ? FOLDER_RANK.length : index;
};

export default class SlowFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const root = this.ctx.config.root;
    const recorded = files.every((spec) =>
      this.ctx.cache.getFileTestResults(`${spec.project.name}:${path.relative(root, spec.moduleId)}`),
    );
    if (recorded) return super.sort(files);
    return [...files].sort((a, b) => rank(a) - rank(b));
  }
}
