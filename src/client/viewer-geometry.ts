import "client-only";

// Where the full-screen viewer's picture is and where its stage (the scrolling box) shows it:
// the zoomed size, the point of the picture at a place on screen, and scrolling that point back
// to the same place after a zoom, or by a step for the arrow keys.

export type ViewerImage = { url: string; alt: string; width: number | null; height: number | null };

/**
 * Zoomed: `scale` times the size it is shown at fitted (the screen's size, or its own if it is
 * smaller: a 512 px image at 1.5× is 768 px wide, not 1.5 screens), never stretched.
 */
export function zoomedSize(image: ViewerImage, scale: number) {
  const aspect = image.width && image.height ? image.width / image.height : 1;
  const own = image.width ? `${image.width}px, ` : "";
  return { width: `calc(min(${own}100vw, 100dvh * ${aspect}) * ${scale})`, height: "auto", maxWidth: "none", maxHeight: "none" };
}

/** A point of the picture, as fractions of its width and height. */
export type PicturePoint = { x: number; y: number };
/** A place on screen (a pointer event has one). */
export type ScreenPlace = { clientX: number; clientY: number };

/** The point of the picture at the middle of what the stage shows now, or at `at` (under the pointer). */
export function pointOf(stage: HTMLElement, image: HTMLElement, at?: ScreenPlace): PicturePoint {
  const view = stage.getBoundingClientRect();
  const picture = image.getBoundingClientRect();
  const x = at ? at.clientX : view.left + stage.clientWidth / 2;
  const y = at ? at.clientY : view.top + stage.clientHeight / 2;
  const within = (v: number) => Math.min(1, Math.max(0, v));
  return { x: within((x - picture.left) / picture.width), y: within((y - picture.top) / picture.height) };
}

/**
 * Scrolls the stage so that `point` of the picture is at `at` (a wheel zoom keeps the point under
 * the pointer), or at the stage's middle (a click, or + and −).
 */
export function keepInView(stage: HTMLElement, image: HTMLElement, point: PicturePoint, at?: ScreenPlace) {
  const view = stage.getBoundingClientRect();
  const picture = image.getBoundingClientRect();
  const left = picture.left - view.left + stage.scrollLeft;
  const top = picture.top - view.top + stage.scrollTop;
  const x = at ? at.clientX - view.left : stage.clientWidth / 2;
  const y = at ? at.clientY - view.top : stage.clientHeight / 2;
  stage.scrollLeft = left + point.x * picture.width - x;
  stage.scrollTop = top + point.y * picture.height - y;
}

const PAN_DIRECTIONS: Record<string, [number, number]> = {
  ArrowLeft: [-1, 0],
  ArrowRight: [1, 0],
  ArrowUp: [0, -1],
  ArrowDown: [0, 1],
};

/**
 * An arrow key moves the view a tenth of the screen that way (40 px at least); with Shift, most
 * of a screen (a fifth of it stays in view, to keep one's place). False for any other key.
 */
export function panByKey(stage: HTMLElement, key: string, far: boolean): boolean {
  const direction = PAN_DIRECTIONS[key];
  if (!direction) return false;
  const step = (size: number) => (far ? size * 0.8 : Math.max(40, size * 0.1));
  const still = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  stage.scrollBy({
    left: direction[0] * step(stage.clientWidth),
    top: direction[1] * step(stage.clientHeight),
    behavior: still ? "instant" : "smooth",
  });
  return true;
}
