"use client";

import dynamic from "next/dynamic";
import { type MouseEvent, useState } from "react";
import { saveFile } from "@/client/save-file";
import { extensionOf, outputFileName } from "@/shared/download-names";
import type { GenerationView } from "@/shared/generation-view";
import { ChainActions } from "./chain-actions";
import styles from "./output-gallery.module.css";
import { OutputImage } from "./output-image";

// The full-screen viewer's code loads only when someone opens it.
const ImageViewer = dynamic(() => import("./image-viewer").then((m) => m.ImageViewer), { ssr: false });

type Props = { generation: GenerationView; alt: string };

/**
 * Saves under the readable name; if the file cannot be fetched, the link opens it instead (in a
 * new tab), where it can still be saved by hand.
 */
function save(event: MouseEvent<HTMLAnchorElement>, url: string, name: string) {
  event.preventDefault();
  saveFile(url, name).catch(() => window.open(url, "_blank", "noopener"));
}

/**
 * How wide a lone image is shown: the column (800 px, or the window on a phone), never wider than
 * the image itself (a 512 px output was stretched to the column, blurred).
 */
function singleSizes(width: number | null): string {
  const natural = width ?? Number.POSITIVE_INFINITY;
  return `(max-width: ${Math.min(natural, 860)}px) 100vw, ${Math.min(natural, 800)}px`;
}

/** Formats that can hold transparency (a removed background): shown over a checkerboard. */
const mayBeTransparent = (contentType: string) => contentType === "image/png" || contentType === "image/webp";

/** A generation's images (sized copies); each opens the full-screen viewer on the original, and downloads with a meaningful name. */
export function OutputGallery({ generation, alt }: Props) {
  const { outputs } = generation;
  const [open, setOpen] = useState<number | null>(null);
  const prompt = typeof generation.input.prompt === "string" ? generation.input.prompt : "";
  const altOf = (index: number) => (outputs.length > 1 ? `${alt} (image ${index + 1} of ${outputs.length})` : alt);
  return (
    <div className={outputs.length > 1 ? styles.multi : styles.single}>
      {outputs.map((output, index) => {
        const name = outputFileName({
          prompt,
          model: generation.model,
          seed: generation.input.seed,
          index,
          count: outputs.length,
          extension: extensionOf(output.contentType),
        });
        return (
          <figure key={output.url} className={styles.figure}>
            <button
              type="button"
              className={styles.frame}
              onClick={() => setOpen(index)}
              aria-label={`View image ${index + 1} full screen`}
              data-testid="open-viewer"
            >
              <OutputImage
                output={output}
                alt={altOf(index)}
                sizes={outputs.length > 1 ? "(max-width: 860px) 100vw, 400px" : singleSizes(output.width)}
                eager
                className={`${styles.image} ${mayBeTransparent(output.contentType) ? styles.alpha : ""}`}
              />
            </button>
            <figcaption className={styles.caption}>
              <span>
                {output.width && output.height ? `${output.width} × ${output.height} · ` : ""}
                {extensionOf(output.contentType).toUpperCase()}
              </span>
              <a href={output.url} download={name} className={styles.download} onClick={(e) => save(e, output.url, name)}>
                Download<span className="visually-hidden"> image {index + 1}</span>
              </a>
            </figcaption>
            <ChainActions url={output.url} label={`image ${index + 1}`} />
          </figure>
        );
      })}
      {open !== null && (
        <ImageViewer
          images={outputs.map((o, i) => ({ url: o.url, alt: altOf(i), width: o.width, height: o.height }))}
          start={open}
          onClose={() => setOpen(null)}
        />
      )}
    </div>
  );
}
