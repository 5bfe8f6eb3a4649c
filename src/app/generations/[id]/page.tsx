import type { Metadata } from "next";
import { cookies } from "next/headers";
import { GenerationDetail } from "@/components/generation-detail";
import { OWNER_COOKIE, readOwnerCookie } from "@/lib/auth/owner";
import { modelTimings } from "@/lib/generations/model-timings";
import { generationPageTitle } from "@/lib/generations/page-title";
import { modelFormSpecs } from "@/lib/replicate/models";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ id: string }> };

/** Each generation's tab has its own title: its prompt. */
export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { id } = await params;
  const owner = await readOwnerCookie((await cookies()).get(OWNER_COOKIE)?.value);
  return { title: await generationPageTitle(id, owner?.id ?? null) };
}

export default async function GenerationDetailPage({ params }: Params) {
  const { id } = await params;
  return <GenerationDetail id={id} models={modelFormSpecs()} timings={await modelTimings()} />;
}
