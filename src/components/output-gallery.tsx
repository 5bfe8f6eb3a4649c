import { fileExtension } from "@/client/format";
import type { OutputView } from "@/shared/generation-view";
import { ChainActions } from "./chain-actions";
import styles from "./output-gallery.module.css";

type Props = { id: string; outputs: OutputView[]; alt: string };

export function OutputGallery({ id, outputs, alt }: Props) {
  return (
    <div className={outputs.length > 1 ? styles.multi : styles.single}>
      {outputs.map((output, index) => {
        const name = `${id}-${index + 1}.${fileExtension(output.contentType)}`;
        return (
          <figure key={output.url} className={styles.figure}>
            <a href={output.url} target="_blank" rel="noreferrer" className={styles.frame}>
              {/* biome-ignore lint/performance/noImgElement: full-size originals, shown as stored */}
              <img
                src={output.url}
                alt={outputs.length > 1 ? `${alt} (image ${index + 1} of ${outputs.length})` : alt}
                width={output.width ?? undefined}
                height={output.height ?? undefined}
                className={styles.image}
              />
            </a>
            <figcaption className={styles.caption}>
              <span>
                {output.width && output.height ? `${output.width} × ${output.height} · ` : ""}
                {fileExtension(output.contentType).toUpperCase()}
              </span>
              <a href={output.url} download={name} className={styles.download}>
                Download<span className="visually-hidden"> image {index + 1}</span>
              </a>
            </figcaption>
            <ChainActions url={output.url} label={`image ${index + 1}`} />
          </figure>
        );
      })}
    </div>
  );
}
