import type { OutputView } from "@/shared/generation-view";

type Props = {
  output: OutputView;
  alt: string;
  /** The `sizes` attribute: how wide the image is shown, so the browser picks the smallest copy that fits. */
  sizes: string;
  eager?: boolean;
  className?: string;
};

/**
 * A gallery image: the output's sized WebP copies as a `srcset`, never the original (that is for
 * the viewer and downloads). Outputs stored before copies existed fall back to the original.
 */
export function OutputImage({ output, alt, sizes, eager = false, className }: Props) {
  const variants = output.variants;
  const largest = variants.at(-1);
  return (
    // biome-ignore lint/performance/noImgElement: the copies are made when an output is stored; an optimizer would only make them again
    <img
      src={largest?.url ?? output.url}
      srcSet={variants.length > 0 ? variants.map((v) => `${v.url} ${v.width}w`).join(", ") : undefined}
      sizes={variants.length > 0 ? sizes : undefined}
      alt={alt}
      width={output.width ?? undefined}
      height={output.height ?? undefined}
      loading={eager ? "eager" : "lazy"}
      decoding="async"
      className={className}
    />
  );
}
