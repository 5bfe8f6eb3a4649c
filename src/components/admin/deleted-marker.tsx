import { formatDateTime } from "@/shared/time";
import styles from "./deleted-marker.module.css";

/** Beside a status: its owner deleted this generation (the row stays for admins, its files are gone). */
export function DeletedMarker({ deletedAt }: { deletedAt: string }) {
  return (
    <span className={styles.marker} data-testid="deleted-marker" title={`Deleted by its owner ${formatDateTime(deletedAt)}`}>
      Deleted
    </span>
  );
}
