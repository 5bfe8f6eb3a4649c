"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { formValuesFrom } from "@/client/form-from-input";
import { promptOf } from "@/client/format";
import { useCompletionSignal } from "@/client/use-completion-signal";
import { useDebounced } from "@/client/use-debounced";
import { useGalleryFilters } from "@/client/use-gallery-filters";
import { useGenerations } from "@/client/use-generations";
import { type GalleryFilters, galleryFilterParams, hasGalleryFilters } from "@/shared/gallery-filters";
import type { GenerationPage, GenerationView } from "@/shared/generation-view";
import type { ModelFormSpec } from "@/shared/model-form";
import type { ModelTiming } from "@/shared/model-timing";
import { GalleryFiltersBar } from "./gallery-filters";
import { GenerationForm } from "./generation-form";
import { GenerationGrid } from "./generation-grid";
import { ModelTimingsProvider } from "./model-timings";
import { NotifyToggle } from "./notify-toggle";
import styles from "./studio.module.css";

// The home page: the form on the left, the visitor's gallery on the right (stacked on mobile).
// Both share one list so a new generation shows up the moment the server accepts it. Starts and
// endings are announced through one live region; on a stacked layout the new card is scrolled
// into view, since it lands below the form.

const STACKED = "(max-width: 860px)";

/** Scrolls a card into view on the stacked (phone) layout; false while it is not rendered yet. */
function revealCard(id: string): boolean {
  const card = document.querySelector(`[data-generation-id="${CSS.escape(id)}"]`);
  if (!card) return false;
  if (window.matchMedia(STACKED).matches) {
    const smooth = !window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    card.scrollIntoView({ block: "center", behavior: smooth ? "smooth" : "auto" });
  }
  return true;
}

type Props = {
  models: ModelFormSpec[];
  defaultModel: string;
  /** "Edit" (`/?edit=…`): the generation whose settings the form starts from, read by the page; null when it could not be. */
  edit?: GenerationView | null;
  /** Chaining: the tool to open and its image (from `/?tool=…&image=…`). */
  initial?: { model: string; values: Record<string, string> };
  timings: readonly ModelTiming[];
  /** The gallery's filters the address asked for (`/?status=failed`, `/?hideFailed=true`…). */
  filters?: GalleryFilters;
  /** The gallery's first page for those filters, read by the page (src/lib/generations/gallery-first-page.ts). */
  gallery?: GenerationPage[] | undefined;
};

export function Studio({ models, defaultModel, edit, initial, timings, filters: asked = {}, gallery }: Props) {
  const [filters, setFilters] = useGalleryFilters(
    asked,
    useMemo(() => models.map((m) => m.key), [models]),
  );
  // Clear filters (the bar's or the empty list's) puts focus in the search box: the button goes away.
  const searchRef = useRef<HTMLInputElement>(null);
  const clearFilters = useCallback(() => {
    setFilters({});
    searchRef.current?.focus();
  }, [setFilters]);
  // The server's first page counts only for the filters it was read with (restored by Back, the
  // page may now have others: use-gallery-filters.ts).
  const [firstPage] = useState(() =>
    galleryFilterParams(filters).toString() === galleryFilterParams(asked).toString() ? gallery : undefined,
  );
  // Typed search text waits for a pause; the other filters apply at once.
  const q = useDebounced(filters.q ?? "", 300);
  const list = useGenerations({ ...filters, q }, firstPage);
  const source = useMemo(() => editSourceOf(edit, models), [edit, models]);
  const [announcement, setAnnouncement] = useState("");
  // The note below is in the page's first HTML, where a live region would not announce it: the
  // page's announcer says it once the page is up.
  const editNote = source
    ? `Settings of “${promptOf(source.generation)}” loaded: change any, then ${source.action}.`
    : edit !== undefined
      ? "Could not load that generation's settings."
      : "";
  useEffect(() => {
    if (editNote) setAnnouncement(editNote);
  }, [editNote]);
  useCompletionSignal(list.generations, setAnnouncement);
  const { upsert } = list;
  // The card to bring into view once it is rendered (an effect runs after the render inserts it).
  const [reveal, setReveal] = useState<string | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-checked on each new list, until the card is there
  useEffect(() => {
    if (reveal && revealCard(reveal)) setReveal(null);
  }, [reveal, list.generations]);
  const onCreated = useCallback(
    (generation: GenerationView) => {
      upsert(generation);
      setAnnouncement(`Started: “${promptOf(generation)}”. It is first in your generations.`);
      setReveal(generation.id);
    },
    [upsert],
  );
  return (
    <ModelTimingsProvider timings={timings}>
      <main className={styles.main}>
        <section className={styles.formColumn} aria-labelledby="new-generation">
          {/* The form is some 25 stops long: a keyboard user can go straight to the gallery. */}
          <a href="#your-generations" className="skip-link">
            Skip to your generations
          </a>
          <h1 id="new-generation" className={styles.heading}>
            New generation
          </h1>
          <div className={styles.editNote} data-testid="edit-note">
            {editNote}
          </div>
          <GenerationForm
            // A new key once edited settings arrive, or for a new chained start (another tool or
            // image): the form starts over from them.
            key={
              source
                ? `edit:${source.generation.id}`
                : initial
                  ? `${initial.model}:${Object.values(initial.values).join()}`
                  : "new"
            }
            models={models}
            defaultModel={defaultModel}
            onCreated={onCreated}
            initial={source ? { model: source.model, values: source.values } : initial}
          />
        </section>
        <section className={styles.gridColumn} aria-labelledby="your-generations">
          <div className={styles.gridHeader}>
            <h2 id="your-generations" className={styles.heading} tabIndex={-1}>
              Your generations
            </h2>
            <NotifyToggle />
          </div>
          <GalleryFiltersBar models={models} value={filters} onChange={setFilters} onClear={clearFilters} searchRef={searchRef} />
          <GenerationGrid list={list} onClearFilters={hasGalleryFilters({ ...filters, q }) ? clearFilters : undefined} />
        </section>
        <p className="visually-hidden" role="status" aria-live="polite" data-testid="announcer">
          {announcement}
        </p>
      </main>
    </ModelTimingsProvider>
  );
}

/** The form's starting settings from an edited generation, if its model is still offered. */
function editSourceOf(generation: GenerationView | null | undefined, models: ModelFormSpec[]) {
  const spec = generation && models.find((m) => m.key === generation.model);
  if (!generation || !spec) return null;
  return { generation, model: spec.key, action: spec.action.label, values: formValuesFrom(spec.fields, generation.input) };
}
