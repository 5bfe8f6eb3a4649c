import styles from "./field-loading.module.css";

/**
 * Holds the place of a form field whose code loads on demand (next/dynamic's `loading`) for the
 * moment it takes to arrive. Having one also gives that field its own Suspense boundary, so
 * choosing a tool updates the form at once instead of holding the whole form back.
 */
export function FieldLoading() {
  return <p className={styles.loading}>Loading…</p>;
}
