import snapshot from "../../../../../catalogue/snapshots/nightmareai__real-esrgan.json";
import { defineOverlay } from "../overlay";

export const upscale = defineOverlay({
  key: "upscale",
  label: "Upscale (Real-ESRGAN)",
  description: "Enlarges an image with Real-ESRGAN, optionally restoring faces.",
  snapshot,
  fields: {
    image: { label: "Image" },
    // The schema allows 0-10; below 1 is not an upscale, and past 4 a 4096 px input makes an
    // image too large to store.
    scale: { label: "Scale", min: 1, max: 4, step: 0.5 },
    face_enhance: { label: "Enhance faces", help: "Runs GFPGAN face restoration as well" },
  },
  // Nvidia T4 per second; a 1024² image takes a few seconds.
  pricing: { perSecondUsd: 0.000225, perOutputUsd: 0, typicalSeconds: 6 },
});
