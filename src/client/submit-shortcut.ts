import "client-only";
import type { KeyboardEvent } from "react";

/**
 * Ctrl/Cmd+Enter submits a form from anywhere in it (the prompt, a setting, a Compare box), as
 * in most chat and generation tools. For a form's onKeyDown.
 */
export function submitOnModEnter(event: KeyboardEvent<HTMLFormElement>): void {
  if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
    event.preventDefault();
    event.currentTarget.requestSubmit();
  }
}
