import "client-only";
import type { UploadView } from "@/shared/upload-view";
import { requestJson } from "./http";

// POST /api/uploads: one image, checked by the server (PNG, JPEG or WebP, ≤ 10 MB, ≤ 4096 px a side).
export function postUpload(file: Blob, name = "image"): Promise<UploadView> {
  const form = new FormData();
  form.append("file", file, name);
  return requestJson<UploadView>("/api/uploads", { method: "POST", body: form });
}
