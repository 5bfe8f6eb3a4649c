import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { GroupDetail } from "@/components/group-detail";
import { visibleGroup } from "@/lib/generations/page-visibility";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { id } = await params;
  if ((await visibleGroup(id)) === "missing") notFound();
  return { title: id.startsWith("cmp_") ? "Comparison" : "Variations" };
}

/**
 * Another browser's group, or no group at all, is a 404 with the app's not-found page. Otherwise
 * it is rendered with its runs in the HTML, running or ended; the browser then polls it while one
 * runs (as the generation page does: src/app/generations/[id]/page.tsx).
 */
export default async function GroupPage({ params }: Params) {
  const { id } = await params;
  const found = await visibleGroup(id);
  if (found === "missing") notFound();
  return <GroupDetail id={id} initial={found === "unavailable" ? undefined : found.found} />;
}
