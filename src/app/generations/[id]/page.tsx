import type { Metadata } from "next";
import { GenerationDetail } from "@/components/generation-detail";
import { modelFormSpecs } from "@/lib/replicate/models";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Generation" };

export default async function GenerationDetailPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <GenerationDetail id={id} models={modelFormSpecs()} />;
}
