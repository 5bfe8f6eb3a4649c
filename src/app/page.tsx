import { cookies } from "next/headers";
import { Studio } from "@/components/studio";
import { OWNER_COOKIE, readOwnerCookie } from "@/lib/auth/owner";
import { galleryFirstPage } from "@/lib/generations/gallery-first-page";
import { modelTimings } from "@/lib/generations/model-timings";
import { getGenerationView } from "@/lib/generations/read";
import { DEFAULT_MODEL_KEY, modelFormSpecs } from "@/lib/replicate/models";
import { GALLERY_PAGE_SIZE, type GalleryFilters, galleryFilterParams, galleryFiltersFrom } from "@/shared/gallery-filters";
import { listQueryFrom } from "./api/generations/schema";

export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

// `/?edit=<generation id>`: the form starts from that generation's settings ("Edit").
// `/?tool=<key>&image=<url>` (chaining from an output): that tool, with its image input set.
// `/?q=…&model=…&status=…&favourite=true&hideFailed=true`: the gallery's filters.
export default async function HomePage({ searchParams }: { searchParams: SearchParams }) {
  const query = await searchParams;
  const { edit, tool, image } = query;
  const editId = typeof edit === "string" && /^gen_[A-Za-z0-9_-]{22}$/.test(edit) ? edit : null;
  const models = modelFormSpecs();
  const chosen = typeof tool === "string" ? models.find((m) => m.key === tool) : undefined;
  const field = chosen?.fields.find((f) => f.kind === "image" && f.role !== "mask");
  const initial =
    chosen && field && typeof image === "string" && image.length <= 2048
      ? { model: chosen.key, values: { [field.name]: image } }
      : chosen
        ? { model: chosen.key, values: {} }
        : undefined;
  const owner = await readOwnerCookie((await cookies()).get(OWNER_COOKIE)?.value);
  const filters = galleryFiltersFrom(
    query,
    models.map((m) => m.key),
  );
  // Read side by side: none of them waits for another.
  const [editSettings, timings, gallery] = await Promise.all([
    editId ? editSource(editId, owner?.id ?? null) : undefined,
    modelTimings(),
    firstPage(owner?.id ?? null, filters),
  ]);
  return (
    <Studio
      models={models}
      defaultModel={DEFAULT_MODEL_KEY}
      edit={editSettings}
      initial={initial}
      timings={timings}
      filters={filters}
      gallery={gallery}
    />
  );
}

/** The gallery's first page, read with the filters exactly as GET /api/generations reads them. */
function firstPage(ownerId: string | null, filters: GalleryFilters) {
  const parsed = listQueryFrom(galleryFilterParams(filters));
  return parsed.success ? galleryFirstPage(ownerId, GALLERY_PAGE_SIZE, parsed.data.filters) : undefined;
}

/**
 * "Edit": the generation read here, so the first paint already shows its settings (no request
 * after load, no form that changes under the cursor). Null when it is not the visitor's, is gone,
 * or cannot be read now: the page says so and starts from a blank form.
 */
async function editSource(id: string, ownerId: string | null) {
  if (!ownerId) return null;
  try {
    return await getGenerationView(id, ownerId);
  } catch {
    return null;
  }
}
