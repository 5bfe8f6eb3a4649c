import Link from "next/link";
import styles from "./site-header.module.css";

export function SiteHeader() {
  return (
    <header className={styles.header}>
      <div className={styles.inner}>
        <Link href="/" className={styles.brand}>
          <span className={styles.logo} aria-hidden="true" />
          Replicate Image Studio
        </Link>
        <Link href="/admin" className={styles.admin}>
          Admin
        </Link>
      </div>
    </header>
  );
}
