import "client-only";

// "Use as input", "Upscale", "Remove background", "Edit by instruction": each opens the studio with a tool chosen
// and the image set (`/?tool=<catalogue key>&image=<url>`). The server records the parent when
// the image is one of the user's outputs.

export const CHAIN_ACTIONS = [
  { tool: "sdxl-img2img", label: "Use as input" },
  { tool: "upscale", label: "Upscale" },
  { tool: "remove-bg", label: "Remove background" },
  { tool: "flux-kontext-pro", label: "Edit by instruction" },
] as const;

export function chainHref(tool: string, imageUrl: string): string {
  return `/?${new URLSearchParams({ tool, image: imageUrl })}`;
}
