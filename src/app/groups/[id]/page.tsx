import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { GroupDetail } from "@/components/group-detail";
import { visibleGroup } from "@/lib/generations/page-visibility";
import { anyActive } from "@/shared/generation-status";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { id } = await params;
  if ((await visibleGroup(id)) === "missing") notFound();
  return { title: id.startsWith("cmp_") ? "Comparison" : "Variations" };
}

/**
 * Another browser's group, or no group at all, is a 404 with the app's not-found page. One whose
 * runs have all ended is rendered with them in the HTML; while one runs, the browser loads it
 * (as the generation page does: src/app/generations/[id]/page.tsx).
 */
export default async function GroupPage({ params }: Params) {
  const { id } = await params;
  const found = await visibleGroup(id);
  if (found === "missing") notFound();
  const ended = found !== "unavailable" && !anyActive(found.found.generations) ? found.found : undefined;
  return <GroupDetail id={id} initial={ended} />;
}
