"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useRef, useState } from "react";
import { postAdminSession } from "@/client/admin-api";
import { describeError } from "@/client/http";
import styles from "./admin-sign-in.module.css";

type Props = { embedded: boolean };

export function AdminSignIn({ embedded }: Props) {
  const router = useRouter();
  const [password, setPassword] = useState("");
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!password) return setError("Enter the admin password.");
    setPending(true);
    setError(null);
    try {
      await postAdminSession(password);
      router.refresh(); // the server component now sees the session cookie
    } catch (err) {
      setError(describeError(err));
      setPending(false);
      // A refused password is cleared, ready for the next try.
      setPassword("");
      input.current?.focus();
    }
  };

  return (
    <main className={styles.main}>
      <form className={styles.card} onSubmit={submit} noValidate aria-labelledby="admin-sign-in-title">
        <div className={styles.head}>
          <span className={styles.lock} aria-hidden="true" />
          <h1 id="admin-sign-in-title" className={styles.title}>
            Admin sign-in
          </h1>
          <p className={styles.lead}>See every generation, cancel running ones, and watch today&apos;s cost.</p>
        </div>
        <div className={styles.field}>
          <label htmlFor="admin-password" className={styles.label}>
            Password
          </label>
          <input
            ref={input}
            id="admin-password"
            name="password"
            type="password"
            autoComplete="current-password"
            className={styles.input}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? "admin-sign-in-error" : "admin-sign-in-hint"}
            required
          />
        </div>
        {error && (
          <p id="admin-sign-in-error" className={styles.error} role="alert">
            {error}
          </p>
        )}
        <button type="submit" className={styles.submit} disabled={pending}>
          {pending ? "Signing in…" : "Sign in"}
        </button>
        <p id="admin-sign-in-hint" className={styles.hint}>
          {embedded ? (
            <>
              Running locally: the password was printed where the server started (<code>npm run dev</code> or{" "}
              <code>npm start</code>), and is kept in <code>secrets.json</code> in its data folder (<code>.data/</code> unless{" "}
              <code>DATA_DIR</code> says otherwise).
            </>
          ) : (
            <>
              The password is the <code>ADMIN_PASSWORD</code> set in this deployment&apos;s environment.
            </>
          )}
        </p>
      </form>
    </main>
  );
}
