import { Studio } from "@/components/studio";
import { DEFAULT_MODEL_KEY, modelFormSpecs } from "@/lib/replicate/models";

export const dynamic = "force-dynamic";

type Search = Promise<Record<string, string | string[] | undefined>>;

// `/?tool=<key>&image=<url>` (chaining from an output): that tool, with its image input set.
export default async function HomePage({ searchParams }: { searchParams: Search }) {
  const { tool, image } = await searchParams;
  const models = modelFormSpecs();
  const chosen = typeof tool === "string" ? models.find((m) => m.key === tool) : undefined;
  const field = chosen?.fields.find((f) => f.kind === "image" && f.role !== "mask");
  const initial =
    chosen && field && typeof image === "string" && image.length <= 2048
      ? { model: chosen.key, values: { [field.name]: image } }
      : chosen
        ? { model: chosen.key, values: {} }
        : undefined;
  return <Studio models={models} defaultModel={DEFAULT_MODEL_KEY} initial={initial} />;
}
