"use client";

import { settingsText } from "@/client/form-from-input";
import { givenPrompt, seedOf } from "@/client/format";
import { useClipboard } from "@/client/use-clipboard";
import type { GenerationView } from "@/shared/generation-view";
import styles from "./copy-settings.module.css";

/** Copy the prompt, the seed, or every setting (one `name: value` a line). */
export function CopySettings({ generation }: { generation: GenerationView }) {
  const { copy, copied } = useClipboard();
  const seed = seedOf(generation.input);
  const items: [string, string, string | null][] = [
    ["prompt", "Copy prompt", givenPrompt(generation.input)],
    ["seed", "Copy seed", seed === null ? null : String(seed)],
    ["all", "Copy all settings", settingsText(generation.modelLabel, generation.input)],
  ];
  return (
    <div className={styles.row}>
      {items.map(([what, label, text]) =>
        text === null ? null : (
          <button key={what} type="button" className={styles.button} onClick={() => copy(what, text)}>
            {copied === what ? "Copied" : copied === `${what}-failed` ? "Could not copy" : label}
          </button>
        ),
      )}
      <span className="visually-hidden" role="status">
        {copied && !copied.endsWith("-failed") ? `Copied the ${copied === "all" ? "settings" : copied}` : ""}
      </span>
    </div>
  );
}
