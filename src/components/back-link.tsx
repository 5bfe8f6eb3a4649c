"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import type { MouseEvent } from "react";
import { previousEntryIsOurs } from "@/client/history-back";

type Props = { className?: string; fallback?: string };

const plainClick = (e: MouseEvent) => e.button === 0 && !e.metaKey && !e.ctrlKey && !e.shiftKey && !e.altKey;

/**
 * "← Back": the page before, when it was one of ours (the gallery comes back with its filters, a
 * group page with its members); otherwise, or opened in a new tab, `fallback`.
 */
export function BackLink({ className, fallback = "/" }: Props) {
  const router = useRouter();
  return (
    <Link
      href={fallback}
      className={className}
      onClick={(e) => {
        if (!plainClick(e) || !previousEntryIsOurs()) return;
        e.preventDefault();
        router.back();
      }}
    >
      ← Back
    </Link>
  );
}
