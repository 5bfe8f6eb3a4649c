import snapshot from "../../../../../catalogue/snapshots/lucataco__remove-bg.json";
import { defineOverlay } from "../overlay";

export const removeBg = defineOverlay({
  key: "remove-bg",
  label: "Remove background",
  action: { label: "Remove background", busy: "Removing background…" },
  description: "Cuts out the subject: a PNG with a transparent background, the size of your image.",
  snapshot,
  fields: { image: { label: "Image", help: "The picture to cut the subject out of" } },
  pricing: { perSecondUsd: 0.000225, perOutputUsd: 0, typicalSeconds: 3 },
});
