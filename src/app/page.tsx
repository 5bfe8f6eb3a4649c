import { Studio } from "@/components/studio";
import { DEFAULT_MODEL_KEY, modelFormSpecs } from "@/lib/replicate/models";

export const dynamic = "force-dynamic";

export default function HomePage() {
  return <Studio models={modelFormSpecs()} defaultModel={DEFAULT_MODEL_KEY} />;
}
