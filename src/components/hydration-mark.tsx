"use client";

import { useEffect } from "react";

/**
 * Marks the document once React has hydrated it (`<html data-hydrated>`). A change made before
 * then (a select picked while the script still loads) does not reach the page's state, so the
 * browser tests wait for the mark before they use a page's controls.
 */
export function HydrationMark() {
  useEffect(() => {
    document.documentElement.dataset.hydrated = "";
  }, []);
  return null;
}
