import type { InputField } from "@/shared/model-form";
import { ImageFieldLabel } from "./image-field-label";
import styles from "./mask-placeholder.module.css";

type Props = { field: InputField & { kind: "image" }; error: string | undefined };

// Where the mask is painted, before there is an image to paint over: labelled like every field,
// a box of the painter's place saying what comes first, and the field's error once Generate is
// pressed without one.
export function MaskPlaceholder({ field, error }: Props) {
  const id = `mask-${field.name}`;
  return (
    <div className={styles.field} data-mask-painter={field.name}>
      <ImageFieldLabel id={`${id}-label`} label={field.label} required={field.required} />
      <fieldset className={styles.box} aria-labelledby={`${id}-label`} aria-describedby={error ? `${id}-error` : undefined}>
        <p className={styles.hint}>Choose an image above first, then paint over it here.</p>
      </fieldset>
      {error && (
        <p id={`${id}-error`} className={styles.error} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
