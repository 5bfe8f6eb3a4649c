import { randomBytes, randomInt } from "node:crypto";
import { MAX_SEED } from "@/shared/model-form";

/** Public generation ids: 128 random bits, so ids cannot be guessed or enumerated. */
export function newGenerationId(): string {
  return `gen_${randomBytes(16).toString("base64url")}`;
}

export const generationIdPattern = /^gen_[A-Za-z0-9_-]{22}$/;

/** An explicit seed is always sent, so any generation can be re-run exactly. */
export function randomSeed(): number {
  return randomInt(1, MAX_SEED);
}

/**
 * Group ids say their kind (`cmp_…` compare, `var_…` variations), so a generation's view can name
 * its group's kind without reading the group.
 */
export function newGroupId(kind: "variations" | "compare"): string {
  return `${kind === "compare" ? "cmp" : "var"}_${randomBytes(16).toString("base64url")}`;
}

export const groupIdPattern = /^(cmp|var)_[A-Za-z0-9_-]{22}$/;

export function groupKindOf(groupId: string): "variations" | "compare" {
  return groupId.startsWith("cmp_") ? "compare" : "variations";
}
