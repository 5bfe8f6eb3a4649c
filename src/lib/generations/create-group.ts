import "server-only";
import type { CreateGroupBody } from "@/shared/generation-view";
import { groupMismatch, takesSeed } from "@/shared/model-form";
import { getDb } from "../db";
import { findGroupByMemberKey, insertGroup } from "../db/group-queries";
import { lockOwner } from "../db/quota-queries";
import { fieldError } from "../errors";
import { findModel, type ModelEntry } from "../replicate/models";
import { checkedInput } from "./checked-input";
import { type CreateOrigins, claimGeneration, type Requester } from "./claim";
import { resolveFileInputs } from "./file-inputs";
import { newGroupId, randomSeed } from "./ids";
import { startPrediction } from "./start-prediction";

// One request, several generations sharing a group id: N seeds of one model (variations), or the
// same prompt and shared settings on 2–4 models (compare). All or none are created: the quotas
// are checked for each member in one transaction under the owner's lock, so a group that would
// go over a limit creates nothing. Then each prediction is started once, as a single create is.

type Member = { model: ModelEntry; input: Record<string, unknown> };

/** A model's input from a shared one: only the settings it has (a compare shares what it can). */
function inputFor(model: ModelEntry, shared: Record<string, unknown>): Record<string, unknown> {
  const known = new Set(model.fields.map((f) => f.name));
  return checkedInput(model, Object.fromEntries(Object.entries(shared).filter(([name]) => known.has(name))));
}

/**
 * A comparison is like for like (the rule the form offers models by): a model that does another
 * job, or would ignore an input the first one requires, or require one it does not take, is
 * refused, naming the job or that input.
 */
function checkComparable(models: readonly ModelEntry[]): void {
  const found = groupMismatch(models);
  if (!found) return;
  const { base, other, mismatch } = found;
  if (mismatch.reason === "job")
    throw fieldError("models", `${base.label} and ${other.label} do different jobs: compare models that do the same job`);
  const field = `${mismatch.field.label} (${mismatch.field.name})`;
  const why =
    mismatch.requiredBy === "base"
      ? `${other.label} does not take ${field}, which ${base.label} requires`
      : `${other.label} requires ${field}, which ${base.label} does not take`;
  throw fieldError("models", `${why}: compare models that use the same inputs`);
}

function membersOf(body: CreateGroupBody): Member[] {
  if (body.kind === "variations") {
    const model = findModel(body.model);
    if (!model) throw new Error(`unknown model ${body.model}`); // the route validated the key
    // Variations differ by their seed only: a model without one would run the same thing N times.
    if (!takesSeed(model)) throw fieldError("model", `${model.label} has no seed to vary`);
    const input = inputFor(model, body.input);
    // Every member its own random seed: the given one, if any, is what is being varied.
    const seeds = new Set<number>();
    while (seeds.size < body.count) seeds.add(randomSeed());
    return [...seeds].map((seed) => ({ model, input: { ...input, seed } }));
  }
  // One seed for every model (the given one or a random one), so the comparison is like for like.
  const seed = typeof body.input.seed === "number" ? body.input.seed : randomSeed();
  const models = body.models.map((key) => {
    const model = findModel(key);
    if (!model) throw new Error(`unknown model ${key}`); // the route validated the keys
    return model;
  });
  checkComparable(models);
  return models.map((model) => {
    const input = inputFor(model, body.input);
    return { model, input: takesSeed(model) ? { ...input, seed } : input };
  });
}

const memberKey = (key: string, index: number) => `${key}.${index}`;

/** Creates the group and its generations, starts them, and returns the group id and whether it is new. */
export async function createGroup(
  req: CreateGroupBody & Requester,
  { webhookOrigin, origin, ownOrigins }: CreateOrigins,
): Promise<{ id: string; created: boolean; memberIds: string[] }> {
  const members = membersOf(req);
  const { ownerId, clientKey, idempotencyKey = null } = req;
  const db = await getDb();
  // A replay answers with its group before any work on the inputs, as for a single create.
  const replayed = idempotencyKey ? await findGroupByMemberKey(db, { ownerId, key: memberKey(idempotencyKey, 0) }) : null;
  if (replayed) return { id: replayed, created: false, memberIds: [] };
  // Before any write, as for a single create: file inputs take only the caller's own images.
  const files = await Promise.all(members.map((m) => resolveFileInputs(m.model, m.input, { ownerId, origin, ownOrigins })));
  const claimed = await db.transaction(async (tx) => {
    await lockOwner(tx, ownerId);
    if (idempotencyKey) {
      const existing = await findGroupByMemberKey(tx, { ownerId, key: memberKey(idempotencyKey, 0) });
      if (existing) return { id: existing, created: false, memberIds: [] as string[] };
    }
    const id = newGroupId(req.kind);
    await insertGroup(tx, { id, ownerId, kind: req.kind });
    const base = Date.now();
    const memberIds: string[] = [];
    for (const [index, { model, input }] of members.entries()) {
      const key = idempotencyKey ? memberKey(idempotencyKey, index) : null;
      const parent = files[index]?.parent ?? null;
      const uploads = files[index]?.uploads ?? [];
      // One millisecond apart, the first newest: lists newest first show the group in order.
      const createdAt = new Date(base - index);
      const memberId = await claimGeneration(
        tx,
        { ownerId, clientKey },
        {
          model,
          input,
          parent,
          uploads,
          idempotencyKey: key,
          groupId: id,
          groupPlace: { size: members.length, index },
          createdAt,
        },
      );
      if (!memberId) throw new Error(`idempotency key ${key} is taken by another generation`);
      memberIds.push(memberId);
    }
    return { id, created: true, memberIds };
  });
  if (!claimed.created) return claimed;

  const results = await Promise.allSettled(
    members.map((member, index) => {
      const generationId = claimed.memberIds[index] as string;
      const input = files[index]?.forReplicate ?? member.input;
      return startPrediction({ id: generationId, model: member.model, input, webhookOrigin });
    }),
  );
  // Members whose create failed show as failed in the group; only when none started is the
  // request itself an error (the same one a single create would answer).
  const failures = results.flatMap((r) => (r.status === "rejected" ? [r.reason as unknown] : []));
  if (failures.length === results.length) throw failures[0];
  return claimed;
}
