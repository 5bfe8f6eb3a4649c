import styles from "./site-header.module.css";

// Plain links, as on the cards and the 404: next/link would put its client code (~2.5 KB gzip) on
// every page's first load, for a soft navigation these few links do not need.
export function SiteHeader() {
  return (
    <header className={styles.header}>
      <div className={styles.inner}>
        <a href="/" className={styles.brand}>
          <span className={styles.logo} aria-hidden="true" />
          Replicate Image Studio
        </a>
        <a href="/admin" className={styles.admin}>
          Admin
        </a>
      </div>
    </header>
  );
}
