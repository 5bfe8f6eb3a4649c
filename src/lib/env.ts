import { z } from "zod";

// The only module that reads process.env. Parsed once, lazily, so a half-configured
// mode fails at start-up with a message naming the missing variable.

const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .optional();

/** An empty value (`NAME=` as .env.example lists it) counts as unset: the default, not 0 or "". */
const blankIsUnset = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === "" ? undefined : v), schema);

const positiveInt = (fallback: number) => blankIsUnset(z.coerce.number().int().positive().default(fallback));

export type SessionSecret = { id: number; secret: string };
const MIN_SECRET_LENGTH = 32;

/**
 * SESSION_SECRET: one secret, or for rotation a list of `<id>:<secret>` pairs separated by commas
 * (`2:new-secret,1:old-secret`, iron-session's password map written inline). The highest id signs
 * new cookies; every listed one still verifies. A lone secret is id 1, as iron-session numbers it,
 * so rotating from it is `2:<new>,1:<old>`. Newest first.
 */
export function parseSessionSecrets(value: string): SessionSecret[] | string {
  const isList = value.includes(",") || /^\d+:/.test(value);
  if (!isList)
    return value.length >= MIN_SECRET_LENGTH ? [{ id: 1, secret: value }] : `must be at least ${MIN_SECRET_LENGTH} characters`;
  const secrets: SessionSecret[] = [];
  for (const entry of value.split(",").map((e) => e.trim())) {
    const m = /^(\d{1,9}):(.*)$/.exec(entry);
    if (!m) return `each entry must be <id>:<secret> (e.g. "2:new-secret,1:old-secret"); got "${entry.slice(0, 8)}…"`;
    const id = Number(m[1]);
    const secret = m[2] as string;
    if (id < 1) return "ids must be positive integers";
    if (secrets.some((s) => s.id === id)) return `id ${id} is listed twice`;
    if (secret.length < MIN_SECRET_LENGTH) return `the secret with id ${id} must be at least ${MIN_SECRET_LENGTH} characters`;
    secrets.push({ id, secret });
  }
  return secrets.sort((a, b) => b.id - a.id);
}

const sessionSecrets = optionalString.transform((value, ctx) => {
  if (value === undefined) return undefined;
  const parsed = parseSessionSecrets(value);
  if (typeof parsed === "string") {
    ctx.addIssue({ code: "custom", message: parsed });
    return z.NEVER;
  }
  return parsed;
});

const shape = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATA_DIR: blankIsUnset(z.string().default(".data")),
  DATABASE_URL: optionalString,
  /** Auto-detected from DATABASE_URL when unset: *.neon.tech → neon, memory: → pglite, else pg. */
  DATABASE_DRIVER: blankIsUnset(z.enum(["pglite", "pg", "neon"]).optional()),
  REPLICATE_API_TOKEN: optionalString,
  REPLICATE_BASE_URL: optionalString.pipe(z.url().optional()),
  REPLICATE_WEBHOOK_SECRET: optionalString.pipe(z.string().startsWith("whsec_").optional()),
  EMULATOR_PORT: positiveInt(4010),
  APP_URL: optionalString.pipe(z.url().optional()),
  VERCEL_PROJECT_PRODUCTION_URL: optionalString,
  /** Set to "1" by Vercel: serverless, so the reconciler runs from Vercel Cron, not a timer. */
  VERCEL: optionalString,
  /** Set by Vercel: `production`, `preview` or `development`. */
  VERCEL_ENV: optionalString,
  /** Set by Vercel: this deployment's own host (no scheme), and its branch alias. */
  VERCEL_URL: optionalString,
  VERCEL_BRANCH_URL: optionalString,
  BLOB_READ_WRITE_TOKEN: optionalString,
  SESSION_SECRET: sessionSecrets,
  ADMIN_PASSWORD: optionalString.pipe(z.string().min(8).optional()),
  CRON_SECRET: optionalString.pipe(z.string().min(16).optional()),
  /**
   * The request header that carries the client's address, set by a proxy you run in front of the
   * app (e.g. x-real-ip). Unset: Vercel's header on Vercel, else the socket (src/lib/auth/client-address.ts).
   */
  TRUSTED_PROXY_HEADER: optionalString.pipe(
    z
      .string()
      .regex(/^[A-Za-z0-9-]{1,64}$/, { error: "must be a header name such as x-real-ip" })
      .transform((v) => v.toLowerCase())
      .optional(),
  ),
  /** At least MAX_GROUP_SIZE by default, so a full group (4 variations, 4 models) can start. */
  MAX_RUNNING_PER_OWNER: positiveInt(4),
  MAX_DAILY_PER_OWNER: positiveInt(50),
  /** Global: every create reserves its estimate against it in the day's usage record. */
  DAILY_BUDGET_USD: blankIsUnset(z.coerce.number().positive().default(5)),
  /** Per client address (see TRUSTED_PROXY_HEADER): cookie-less clients get no fresh allowance. */
  MAX_RUNNING_PER_ADDRESS: positiveInt(6),
  MAX_CREATES_PER_ADDRESS_PER_MINUTE: positiveInt(20),
  /** Generations running at once across everyone. */
  MAX_RUNNING_GLOBAL: positiveInt(50),
  /** Image inputs: uploads per owner per UTC day, their total size (MB), and uploads per client address per minute. */
  MAX_UPLOADS_PER_OWNER_DAILY: positiveInt(100),
  MAX_UPLOAD_MB_PER_OWNER_DAILY: positiveInt(200),
  MAX_UPLOADS_PER_ADDRESS_MINUTE: positiveInt(30),
  /** An upload no generation uses is deleted once no create has used it for this many days. */
  UPLOAD_RETENTION_DAYS: positiveInt(7),
  /** The floor of the stale threshold: a generation silent this long (or 3× its model's typical run) gets a check. */
  RECONCILE_AFTER_SECONDS: positiveInt(20),
  RECONCILE_INTERVAL_SECONDS: positiveInt(10),
  QUEUED_TIMEOUT_SECONDS: positiveInt(60),
  /** How long the create call waits for Replicate's answer before treating it as lost. */
  REPLICATE_CREATE_TIMEOUT_SECONDS: positiveInt(20),
});

const schema = shape.superRefine((env, ctx) => {
  const missing = (name: string, why: string) =>
    ctx.addIssue({ code: "custom", path: [name], message: `${name} is required ${why}` });
  // Real Replicate must be able to reach us, so the webhook origin must be known.
  if (env.REPLICATE_API_TOKEN && !env.APP_URL && !env.VERCEL_PROJECT_PRODUCTION_URL && !env.VERCEL_URL) {
    missing("APP_URL", "when REPLICATE_API_TOKEN is set (Replicate posts webhooks to it)");
  }
  // Serverless: nothing runs the reconciler but Vercel Cron, which needs the secret.
  if (env.VERCEL && !env.CRON_SECRET) {
    missing(
      "CRON_SECRET",
      "on Vercel (Vercel Cron calls /api/cron/reconcile with it; without it lost webhooks are never caught)",
    );
  }
  // A queued row is failed after QUEUED_TIMEOUT_SECONDS: its create call must have given up by then.
  if (env.QUEUED_TIMEOUT_SECONDS <= env.REPLICATE_CREATE_TIMEOUT_SECONDS) {
    ctx.addIssue({
      code: "custom",
      path: ["QUEUED_TIMEOUT_SECONDS"],
      message: `QUEUED_TIMEOUT_SECONDS (${env.QUEUED_TIMEOUT_SECONDS}) must be longer than REPLICATE_CREATE_TIMEOUT_SECONDS (${env.REPLICATE_CREATE_TIMEOUT_SECONDS})`,
    });
  }
  // A shared database means many instances: secrets cannot be generated per machine.
  if (env.DATABASE_URL && !env.DATABASE_URL.startsWith("memory:")) {
    if (!env.SESSION_SECRET) missing("SESSION_SECRET", "when DATABASE_URL is set");
    if (!env.ADMIN_PASSWORD) missing("ADMIN_PASSWORD", "when DATABASE_URL is set");
  }
  if (env.REPLICATE_API_TOKEN && env.VERCEL_PROJECT_PRODUCTION_URL && !env.BLOB_READ_WRITE_TOKEN) {
    missing("BLOB_READ_WRITE_TOKEN", "on Vercel (its file system is not shared between instances)");
  }
});

export type Env = z.infer<typeof schema>;

function problemOf(error: z.ZodError): string {
  const lines = error.issues.map((i) => `  - ${i.path.join(".") || "env"}: ${i.message}`);
  return `Invalid environment configuration:\n${lines.join("\n")}\nSee .env.example.`;
}

function parse<T>(s: z.ZodType<T>): T {
  const parsed = s.safeParse(process.env);
  if (!parsed.success) throw new Error(problemOf(parsed.error));
  return parsed.data;
}

/**
 * What is wrong with the environment, as the message to print, or null when it is complete.
 * Checked before anything starts (next.config.ts, src/instrumentation.ts), so a half-configured
 * mode stops `next build`, `next start` and `npm run dev` instead of failing every request.
 */
export function environmentProblem(): string | null {
  const parsed = schema.safeParse(process.env);
  return parsed.success ? null : problemOf(parsed.error);
}

let cached: Env | undefined;

export function env(): Env {
  cached ??= parse(schema);
  return cached;
}

const databaseShape = shape.pick({ DATABASE_URL: true, DATABASE_DRIVER: true, DATA_DIR: true });

/** Only what opening the database needs, so `npm run db:migrate` runs without the app's secrets. */
export function databaseEnv(): z.infer<typeof databaseShape> {
  return parse(databaseShape);
}

/**
 * The origin Replicate must post this deployment's webhooks to, when configuration names one: a
 * Vercel preview's own URL (never production's: its generations live in the preview's database),
 * else APP_URL, else the Vercel production URL. Undefined locally: the request's own origin.
 */
export function configuredWebhookOrigin(): string | undefined {
  const { VERCEL_ENV, VERCEL_URL, VERCEL_BRANCH_URL, APP_URL, VERCEL_PROJECT_PRODUCTION_URL } = env();
  const previewHost = VERCEL_URL ?? VERCEL_BRANCH_URL;
  if (VERCEL_ENV === "preview" && previewHost) return `https://${previewHost}`;
  if (APP_URL) return new URL(APP_URL).origin;
  if (VERCEL_PROJECT_PRODUCTION_URL) return `https://${VERCEL_PROJECT_PRODUCTION_URL}`;
  return undefined;
}

/** True when inference runs against the bundled local emulator rather than real Replicate. */
export function usesEmulator(): boolean {
  return !env().REPLICATE_API_TOKEN;
}

/** The Replicate API base: REPLICATE_BASE_URL, else the local emulator without a token, else the SDK's default. */
export function replicateBaseUrl(): string | undefined {
  const { REPLICATE_BASE_URL, EMULATOR_PORT } = env();
  return REPLICATE_BASE_URL ?? (usesEmulator() ? `http://127.0.0.1:${EMULATOR_PORT}/v1` : undefined);
}
