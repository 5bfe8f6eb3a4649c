"use client";

import Link from "next/link";
import { useLineage } from "@/client/use-lineage";
import type { LineageItem } from "@/shared/lineage-view";
import styles from "./generation-lineage.module.css";

function Thumb({ item, caption }: { item: LineageItem; caption: string }) {
  return (
    <li>
      <Link href={`/generations/${item.id}`} className={styles.item}>
        {item.thumbnail ? (
          // biome-ignore lint/performance/noImgElement: the user's own stored output
          <img src={item.thumbnail} alt="" className={styles.thumb} loading="lazy" />
        ) : (
          <span className={styles.thumb} aria-hidden="true" />
        )}
        <span className={styles.caption}>
          {item.modelLabel}
          <span className={styles.note}>{caption}</span>
        </span>
      </Link>
    </li>
  );
}

/** Where this generation's input came from, and what was made from its outputs. */
export function GenerationLineage({ id }: { id: string }) {
  const { data } = useLineage(id);
  if (!data || (!data.parent && data.children.length === 0)) return null;
  return (
    <section aria-labelledby="lineage-heading" className={styles.lineage}>
      <h2 id="lineage-heading" className={styles.heading}>
        Lineage
      </h2>
      {data.parent && (
        <>
          <h3 className={styles.label}>Made from</h3>
          <ul className={styles.list} data-lineage="parent">
            <Thumb item={data.parent} caption={`output ${data.parent.outputIndex + 1}`} />
          </ul>
        </>
      )}
      {data.children.length > 0 && (
        <>
          <h3 className={styles.label}>Used by</h3>
          <ul className={styles.list} data-lineage="children">
            {data.children.map((child) => (
              <Thumb key={child.id} item={child} caption={`from output ${child.outputIndex + 1}`} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
