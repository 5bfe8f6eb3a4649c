import { Studio } from "@/components/studio";
import { modelTimings } from "@/lib/generations/model-timings";
import { DEFAULT_MODEL_KEY, modelFormSpecs } from "@/lib/replicate/models";

export const dynamic = "force-dynamic";

export default async function HomePage() {
  return <Studio models={modelFormSpecs()} defaultModel={DEFAULT_MODEL_KEY} timings={await modelTimings()} />;
}
