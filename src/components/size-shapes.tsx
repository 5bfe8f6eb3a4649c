"use client";

import { SIZE_SHAPES, type Size, type SizeFields, shapeOf, sizeFor } from "@/shared/size-shapes";
import styles from "./size-shapes.module.css";

type Props = {
  fields: SizeFields;
  /** The width and height the form holds now (NaN while one is empty or being typed). */
  size: Size;
  onChoose: (size: Size) => void;
};

/** One press for a picture's shape: sets the width and height fields, which stay editable. */
export function SizeShapes({ fields, size, onChoose }: Props) {
  const current = shapeOf(size, fields);
  return (
    <fieldset className={styles.shapes}>
      <legend className={styles.label}>Shape</legend>
      <div className={styles.options}>
        {SIZE_SHAPES.map((shape) => {
          const next = sizeFor(shape, fields);
          return (
            <button
              key={shape.label}
              type="button"
              className={styles.option}
              aria-pressed={current === shape}
              aria-label={`${shape.name}, ${next.width} × ${next.height}`}
              title={`${shape.name}: ${next.width} × ${next.height}`}
              onClick={() => onChoose(next)}
            >
              {/* Sized by the stylesheet: the form is server-rendered, and CSP refuses inline styles there. */}
              <span className={styles.icon} data-shape={shape.label} aria-hidden="true" />
              {shape.label}
            </button>
          );
        })}
      </div>
    </fieldset>
  );
}
