import snapshot from "../../../../../catalogue/snapshots/stability-ai__sdxl.json";
import { defineOverlay } from "../overlay";
import { sdxlImageToolFields, sdxlPricing } from "./sdxl-tools";

// The pinned SDXL version with an image and no mask: image-to-image.
export const sdxlImg2img = defineOverlay({
  key: "sdxl-img2img",
  label: "SDXL image-to-image",
  description: "Redraws your image after a prompt (SDXL 1.0 with an input image).",
  snapshot,
  fields: { ...sdxlImageToolFields, mask: { hidden: true } },
  pricing: sdxlPricing,
});
