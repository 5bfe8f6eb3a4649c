"use client";

import { useCallback, useState } from "react";
import { ApiError } from "./http";
import { postUpload } from "./uploads-api";

/**
 * Uploads one image at a time for a form control (the image field, the mask painter): `busy`
 * while it runs, and `error` the server's message (or `failure`) when it fails. `upload` answers
 * the stored image's URL, or null when it failed.
 */
export function useUpload(failure: string) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const upload = useCallback(
    async (file: Blob | Promise<Blob>, name: string): Promise<string | null> => {
      setBusy(true);
      setError(null);
      try {
        return (await postUpload(await file, name)).url;
      } catch (cause) {
        setError(cause instanceof ApiError ? cause.message : failure);
        return null;
      } finally {
        setBusy(false);
      }
    },
    [failure],
  );
  /** Forgets the last failure (the field got an image another way). */
  const clearError = useCallback(() => setError(null), []);
  return { busy, error, upload, clearError };
}
