import snapshot from "../../../../../catalogue/snapshots/nightmareai__real-esrgan.json";
import { defineOverlay } from "../overlay";

export const upscale = defineOverlay({
  key: "upscale",
  label: "Upscale (Real-ESRGAN)",
  action: { label: "Upscale", busy: "Upscaling…" },
  description: "Enlarges an image with Real-ESRGAN, optionally restoring faces.",
  snapshot,
  fields: {
    // The schema's help only says "Input image" and "Factor to scale image by".
    image: { label: "Image", help: "The picture to enlarge" },
    // The schema allows 0-10; below 1 is not an upscale, and past 4 a 4096 px input makes an
    // image too large to store.
    scale: { label: "Scale", min: 1, max: 4, step: 0.5, help: "How many times wider and taller: 2 doubles both" },
    face_enhance: { label: "Enhance faces", help: "Runs GFPGAN face restoration as well" },
  },
  // Nvidia T4 per second; a 1024² image takes a few seconds.
  pricing: { perSecondUsd: 0.000225, perOutputUsd: 0, typicalSeconds: 6 },
});
