import Link from "next/link";
import { CHAIN_ACTIONS, chainHref } from "@/client/chaining";
import styles from "./chain-actions.module.css";

/** Opens a tool with this image already set. */
export function ChainActions({ url, label }: { url: string; label: string }) {
  return (
    <nav className={styles.actions} aria-label={`Continue from ${label}`}>
      {CHAIN_ACTIONS.map((action) => (
        <Link key={action.tool} href={chainHref(action.tool, url)} className={styles.action}>
          {action.label}
        </Link>
      ))}
    </nav>
  );
}
