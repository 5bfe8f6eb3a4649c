import styles from "./image-field.module.css";

/** An image input's label (a span: the control it names is a group, which points back at it by id), with the required star. */
export function ImageFieldLabel({ id, label, required }: { id: string; label: string; required?: boolean }) {
  return (
    <span className={styles.label} id={id}>
      {label}
      {required && <span aria-hidden="true"> *</span>}
    </span>
  );
}
