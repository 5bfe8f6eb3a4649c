"use client";

import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { describeError } from "@/client/http";
import { useCreateGroup } from "@/client/use-create-generation";
import { GROUP_SIZES, MAX_GROUP_SIZE } from "@/shared/generation-view";
import { withoutSeed } from "./run-again-button";
import styles from "./variations-button.module.css";

type Props = { model: string; input: Record<string, unknown> };

/** N more runs of the same settings at once, each with a new seed; opens their group. */
export function VariationsButton({ model, input }: Props) {
  const router = useRouter();
  const { submit, submitting } = useCreateGroup();
  const [count, setCount] = useState(MAX_GROUP_SIZE);
  const [error, setError] = useState<string | null>(null);
  const selectId = useId();

  const run = async () => {
    setError(null);
    try {
      const group = await submit({ kind: "variations", model, count, input: withoutSeed(input) });
      if (group) router.push(`/groups/${encodeURIComponent(group.id)}`);
    } catch (err) {
      setError(describeError(err));
    }
  };

  return (
    <div className={styles.group}>
      <button type="button" className={styles.button} onClick={run} disabled={submitting}>
        {submitting ? "Starting…" : "Variations"}
      </button>
      <label htmlFor={selectId} className="visually-hidden">
        How many variations
      </label>
      <select id={selectId} className={styles.select} value={count} onChange={(e) => setCount(Number(e.target.value))}>
        {GROUP_SIZES.map((n) => (
          <option key={n} value={n}>
            × {n}
          </option>
        ))}
      </select>
      {error && (
        <p className={styles.error} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
