import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { GenerationDetail } from "@/components/generation-detail";
import { modelTimings } from "@/lib/generations/model-timings";
import { generationPageTitle } from "@/lib/generations/page-title";
import { visibleGeneration } from "@/lib/generations/page-visibility";
import { modelFormSpecs } from "@/lib/replicate/models";
import { isTerminal } from "@/shared/generation-status";

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
 * not-found page. One that has ended is rendered with its images and details in the HTML (no
 * skeleton, no second read from the browser); a running one loads in the browser, which then
 * watches it (its page draws the image's shape and the progress with style attributes, which the
 * CSP refuses in server HTML).
 */
export default async function GenerationDetailPage({ params }: Params) {
  const { id } = await params;
  const found = await visibleGeneration(id);
  if (found === "missing") notFound();
  const ended = found !== "unavailable" && isTerminal(found.found.status) ? found.found : undefined;
  return <GenerationDetail id={id} models={modelFormSpecs()} timings={await modelTimings()} initial={ended} />;
}
