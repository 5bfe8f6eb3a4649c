import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { GenerationDetail } from "@/components/generation-detail";
import { modelTimings } from "@/lib/generations/model-timings";
import { generationPageTitle } from "@/lib/generations/page-title";
import { visibleGeneration } from "@/lib/generations/page-visibility";
import { modelFormSpecs } from "@/lib/replicate/models";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ id: string }> };

/** Each generation's tab has its own title: its prompt. */
export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const found = await visibleGeneration((await params).id);
  if (found === "missing") notFound();
  return { title: found === "unavailable" ? "Generation" : generationPageTitle(found.found) };
}

/**
 * A generation this visitor may not see (or that does not exist) is a 404, with the app's
 * not-found page. Otherwise it is rendered with its images and details in the HTML (no skeleton,
 * no wait for a read from the browser), running or ended; a running one is then watched from the
 * browser. Its image's shape and progress are drawn without style attributes (the CSP refuses
 * them in this HTML) and its clock from the time the page was rendered at (src/client/use-now.ts).
 */
export default async function GenerationDetailPage({ params }: Params) {
  const { id } = await params;
  const found = await visibleGeneration(id);
  if (found === "missing") notFound();
  const initial = found === "unavailable" ? undefined : found.found;
  return <GenerationDetail id={id} models={modelFormSpecs()} timings={await modelTimings()} initial={initial} />;
}
