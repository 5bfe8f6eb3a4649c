import "client-only";
import type { UploadView } from "@/shared/upload-view";
import { requestJson, submitJson } from "./http";

// Uploads one image input; the server checks it (PNG, JPEG or WebP, ≤ 10 MB, ≤ 4096 px a side).
// Vercel Blob mode (the page's body says data-uploads="blob"): straight to Blob with a token our
// server signs, then POST /api/uploads/blob/complete takes it. Otherwise POST /api/uploads.
// Blob's client (with its crypto and Buffer shims, ~27 KB gzip) is fetched on the first Blob-mode
// upload only, so it is no part of the studio's first load (and never loads in server mode).
export async function postUpload(file: Blob, name = "image"): Promise<UploadView> {
  if (document.body.dataset.uploads === "blob") {
    const extension = file.type === "image/jpeg" ? "jpg" : file.type === "image/webp" ? "webp" : "png";
    // The name is ours (Blob adds a random suffix): nothing of the user's file name is kept.
    const { upload } = await import("@vercel/blob/client");
    const blob = await upload(`uploads/incoming/image.${extension}`, file, {
      access: "public",
      handleUploadUrl: "/api/uploads/blob",
      contentType: file.type || "image/png",
    });
    return submitJson<UploadView>("/api/uploads/blob/complete", "POST", { url: blob.url });
  }
  const form = new FormData();
  form.append("file", file, name);
  return requestJson<UploadView>("/api/uploads", { method: "POST", body: form });
}
