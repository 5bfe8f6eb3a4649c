import styles from "./shape-sizer.module.css";

/**
 * Gives its box the shape `ratio` (width / height) from inside the flow: an SVG's viewBox. What
 * the box shows (an image, a placeholder) lies over it. Not `style={{ aspectRatio }}`: the pages
 * are rendered on the server, and the CSP refuses style attributes in their HTML.
 */
export function ShapeSizer({ ratio, className }: { ratio: number; className?: string | undefined }) {
  return (
    <svg
      className={className ? `${styles.sizer} ${className}` : styles.sizer}
      viewBox={`0 0 ${Math.round(ratio * 1000)} 1000`}
      aria-hidden="true"
    />
  );
}
