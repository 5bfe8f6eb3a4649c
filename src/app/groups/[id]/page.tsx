import type { Metadata } from "next";
import { cookies } from "next/headers";
import { notFound } from "next/navigation";
import { cache } from "react";
import { GroupDetail } from "@/components/group-detail";
import { visibleGroup, visitorFrom } from "@/lib/generations/page-visibility";
import { isActive } from "@/shared/generation-status";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ id: string }> };

const lookUp = cache(async (id: string) => {
  const jar = await cookies();
  return visibleGroup(id, await visitorFrom((name) => jar.get(name)?.value));
});

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { id } = await params;
  if ((await lookUp(id)) === "missing") notFound();
  return { title: id.startsWith("cmp_") ? "Comparison" : "Variations" };
}

/**
 * Another browser's group, or no group at all, is a 404 with the app's not-found page. One whose
 * runs have all ended is rendered with them in the HTML; while one runs, the browser loads it
 * (as the generation page does: src/app/generations/[id]/page.tsx).
 */
export default async function GroupPage({ params }: Params) {
  const { id } = await params;
  const found = await lookUp(id);
  if (found === "missing") notFound();
  const ended = found !== "unavailable" && !found.found.generations.some((g) => isActive(g.status)) ? found.found : undefined;
  return <GroupDetail id={id} initial={ended} />;
}
