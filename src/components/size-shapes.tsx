"use client";

import { SIZE_SHAPES, type Size, type SizeFields, type SizeShape, shapeOf, sizeFor } from "@/shared/size-shapes";
import { ChoiceLabel } from "./choice-label";
import styles from "./size-shapes.module.css";

type Props = {
  fields: SizeFields;
  /** The width and height the form holds now (0 or NaN while one is empty or being typed: no shape then). */
  size: Size;
  onChoose: (size: Size) => void;
};

const BOX = 16;

/**
 * The shape drawn in a 16 px box: SVG attributes, not a style (the form is server-rendered, and
 * the CSP refuses style attributes in HTML).
 */
function ShapeIcon({ shape }: { shape: SizeShape }) {
  const scale = (BOX - 3) / Math.max(shape.across, shape.down);
  const [w, h] = [shape.across * scale, shape.down * scale];
  return (
    <svg className={styles.icon} width={BOX} height={BOX} viewBox={`0 0 ${BOX} ${BOX}`} aria-hidden="true">
      <rect x={(BOX - w) / 2} y={(BOX - h) / 2} width={w} height={h} rx={1.5} />
    </svg>
  );
}

/**
 * A picture's shape, one choice of seven (a radio group: one Tab stop, arrows to move): sets the
 * width and height fields, which stay editable. A size typed by hand that is no shape leaves none
 * chosen.
 */
export function SizeShapes({ fields, size, onChoose }: Props) {
  const current = shapeOf(size, fields);
  return (
    <fieldset className={styles.shapes}>
      <legend className={styles.label}>Shape</legend>
      <div className={styles.options}>
        {SIZE_SHAPES.map((shape) => {
          const next = sizeFor(shape, fields);
          return (
            <ChoiceLabel
              key={shape.label}
              type="radio"
              name="size-shape"
              value={shape.label}
              checked={current === shape}
              onChange={(on) => on && onChoose(next)}
              className={styles.option}
              inputClassName={styles.input}
              ariaLabel={`${shape.name}, ${next.width} × ${next.height}`}
              title={`${shape.name}: ${next.width} × ${next.height}`}
            >
              <ShapeIcon shape={shape} />
              {shape.label}
            </ChoiceLabel>
          );
        })}
      </div>
    </fieldset>
  );
}
