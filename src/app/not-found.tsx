import type { Metadata } from "next";
import Link from "next/link";
import styles from "./not-found.module.css";

export const metadata: Metadata = { title: "Page not found" };

// Our own 404: Next's built-in one styles itself with inline style attributes and a <style>
// element without a nonce, which the pages' CSP (src/proxy.ts) rightly refuses.
export default function NotFound() {
  return (
    <main className={styles.main}>
      <h1>Page not found</h1>
      <p>There is nothing at this address.</p>
      <Link href="/" className={styles.home}>
        Back to the studio
      </Link>
    </main>
  );
}
