import { Studio } from "@/components/studio";
import { modelTimings } from "@/lib/generations/model-timings";
import { DEFAULT_MODEL_KEY, modelFormSpecs } from "@/lib/replicate/models";

export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function HomePage({ searchParams }: { searchParams: SearchParams }) {
  // `?edit=<generation id>`: the form starts from that generation's settings ("Edit").
  const { edit } = await searchParams;
  const editId = typeof edit === "string" && /^gen_[A-Za-z0-9_-]{22}$/.test(edit) ? edit : null;
  return <Studio models={modelFormSpecs()} defaultModel={DEFAULT_MODEL_KEY} editId={editId} timings={await modelTimings()} />;
}
