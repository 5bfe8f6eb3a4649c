import snapshot from "../../../../../catalogue/snapshots/stability-ai__sdxl.json";
import { defineOverlay } from "../overlay";
import { sdxlImageToolFields, sdxlPricing } from "./sdxl-tools";

// The pinned SDXL version with an image and a mask: inpainting (white = repaint, black = keep).
export const sdxlInpaint = defineOverlay({
  key: "sdxl-inpaint",
  label: "SDXL inpainting",
  description: "Repaints the part of your image you paint over (SDXL 1.0 with an image and a mask).",
  snapshot,
  fields: {
    ...sdxlImageToolFields,
    mask: {
      label: "Mask",
      required: true,
      maskOf: "image",
      help: "Paint where the image should change: white is repainted, black is kept",
    },
  },
  pricing: sdxlPricing,
});
