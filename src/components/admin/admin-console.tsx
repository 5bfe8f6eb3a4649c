"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { type AdminFilterValues, emptyFilters, requestAdminSignOut } from "@/client/admin-api";
import { describeError } from "@/client/http";
import { useAdminCancel } from "@/client/use-admin-cancel";
import { useAdminGenerations, useAdminSummary } from "@/client/use-admin-data";
import { useFocusAfterMore } from "@/client/use-focus-after-more";
import { isActive } from "@/shared/generation-status";
import type { ModelFormSpec } from "@/shared/model-form";
import { LoadMoreButton } from "../load-more-button";
import styles from "./admin-console.module.css";
import { AdminDetailDrawer } from "./admin-detail-drawer";
import { AdminFilterBar } from "./admin-filter-bar";
import { AdminGenerationTable } from "./admin-generation-table";
import { AdminSummaryStrip } from "./admin-summary-strip";
import { ConfirmDialog } from "./confirm-dialog";

type Props = { models: ModelFormSpec[] };

export function AdminConsole({ models }: Props) {
  const router = useRouter();
  const [filters, setFilters] = useState<AdminFilterValues>(emptyFilters);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [openId, setOpenId] = useState<string | null>(null);
  const [confirmAll, setConfirmAll] = useState(false);
  // The filter bar keeps the text being typed; a new key resets it when filters change from outside.
  const [filterBarKey, setFilterBarKey] = useState(0);
  const list = useAdminGenerations(filters);
  const summary = useAdminSummary();
  const markMore = useFocusAfterMore(null, list.generations.at(-1)?.id);
  const running = summary.data?.runningNow ?? 0;
  // Only rows still running can be canceled; a selection whose rows finished meanwhile drops them.
  const selectedActive = list.generations.filter((g) => isActive(g.status) && selected.has(g.id)).map((g) => g.id);
  const { cancel, canceling, notice, dismissNotice } = useAdminCancel({
    runningIds: list.generations.filter((g) => isActive(g.status)).map((g) => g.id),
    onSettled: async (ids) => {
      setSelected((prev) => new Set([...prev].filter((id) => !ids.includes(id))));
      await Promise.all([list.refresh(), summary.mutate()]);
    },
  });

  const select = (ids: string[], on: boolean) =>
    setSelected((prev) => {
      const next = new Set(prev);
      for (const id of ids) on ? next.add(id) : next.delete(id);
      return next;
    });

  const filterOwner = (owner: string) => {
    setOpenId(null);
    setFilters({ ...filters, owner });
    setFilterBarKey((k) => k + 1);
  };

  const leave = async () => {
    await requestAdminSignOut().catch(() => undefined);
    router.refresh();
  };

  return (
    <main className={styles.main}>
      <header className={styles.header}>
        <div>
          <h1 className={styles.title}>Admin console</h1>
          <p className={styles.subtitle}>Every generation across all visitors. Updates every few seconds.</p>
        </div>
        <button type="button" className={styles.secondary} onClick={leave}>
          Sign out
        </button>
      </header>

      <AdminSummaryStrip summary={summary} />
      <AdminFilterBar key={filterBarKey} value={filters} onChange={setFilters} models={models} />

      <div className={styles.toolbar}>
        <p className={styles.count} aria-live="polite">
          {list.isLoading ? "Loading…" : shownText(list.generations.length, list.hasMore)}
          {selectedActive.length > 0 && ` · ${selectedActive.length} selected`}
        </p>
        <div className={styles.bulk}>
          <button
            type="button"
            className={styles.secondary}
            disabled={selectedActive.length === 0}
            onClick={() => cancel({ ids: selectedActive })}
          >
            Cancel selected{selectedActive.length > 0 ? ` (${selectedActive.length})` : ""}
          </button>
          <button type="button" className={styles.danger} disabled={running === 0} onClick={() => setConfirmAll(true)}>
            Cancel all running
          </button>
        </div>
      </div>

      <div className={notice ? `${styles.notice} ${styles[notice.tone]}` : styles.noticeEmpty} role="status">
        {notice?.text}
        {notice && (
          <button type="button" className={styles.dismiss} onClick={dismissNotice}>
            Dismiss
          </button>
        )}
      </div>

      {list.error !== undefined && list.generations.length === 0 ? (
        <p className={`${styles.notice} ${styles.error}`} role="alert">
          Could not load generations. {describeError(list.error)}
        </p>
      ) : !list.isLoading && list.generations.length === 0 ? (
        <div className={styles.empty}>
          <p className={styles.emptyTitle}>No generations match</p>
          <p>Nothing has been generated yet, or the filters exclude everything.</p>
        </div>
      ) : (
        <AdminGenerationTable
          rows={list.generations}
          selected={selected}
          onSelect={select}
          onOpen={setOpenId}
          onCancel={(id) => cancel({ ids: [id] })}
          canceling={canceling}
          onFilterOwner={filterOwner}
        />
      )}

      {list.hasMore && (
        <div className={styles.more}>
          <LoadMoreButton className={styles.secondary} loading={list.loadingMore} onPress={markMore} onLoad={list.loadMore} />
        </div>
      )}

      <AdminDetailDrawer
        id={openId}
        models={models}
        onClose={() => setOpenId(null)}
        onCancel={(id) => cancel({ ids: [id] })}
        canceling={openId !== null && canceling.has(openId)}
        onFilterOwner={filterOwner}
      />
      <ConfirmDialog
        open={confirmAll}
        title="Cancel all running generations?"
        confirmLabel="Cancel all running"
        dismissLabel="Keep them running"
        onDismiss={() => setConfirmAll(false)}
        onConfirm={() => {
          setConfirmAll(false);
          void cancel({ allRunning: true });
        }}
      >
        {running === 1 ? "1 generation is" : `${running} generations are`} queued or running right now, for every visitor. They
        stop at once and produce no images.
      </ConfirmDialog>
    </main>
  );
}

/** "25 shown, more below" while another page can be loaded; "12 shown" when that is all. */
function shownText(count: number, more: boolean): string {
  return `${count} shown${more ? ", more below" : ""}`;
}
