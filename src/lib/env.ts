import { z } from "zod";

// The only module that reads process.env. Parsed once, lazily, so a half-configured
// mode fails at start-up with a message naming the missing variable.

const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .optional();

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const shape = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATA_DIR: z.string().default(".data"),
  DATABASE_URL: optionalString,
  /** Auto-detected from DATABASE_URL when unset: *.neon.tech → neon, memory: → pglite, else pg. */
  DATABASE_DRIVER: z.enum(["pglite", "pg", "neon"]).optional(),
  REPLICATE_API_TOKEN: optionalString,
  REPLICATE_BASE_URL: optionalString.pipe(z.url().optional()),
  REPLICATE_WEBHOOK_SECRET: optionalString.pipe(z.string().startsWith("whsec_").optional()),
  EMULATOR_PORT: positiveInt(4010),
  APP_URL: optionalString.pipe(z.url().optional()),
  VERCEL_PROJECT_PRODUCTION_URL: optionalString,
  /** Set to "1" by Vercel: serverless, so the reconciler runs from Vercel Cron, not a timer. */
  VERCEL: optionalString,
  BLOB_READ_WRITE_TOKEN: optionalString,
  SESSION_SECRET: optionalString.pipe(z.string().min(32).optional()),
  ADMIN_PASSWORD: optionalString.pipe(z.string().min(8).optional()),
  CRON_SECRET: optionalString.pipe(z.string().min(16).optional()),
  MAX_RUNNING_PER_OWNER: positiveInt(3),
  MAX_DAILY_PER_OWNER: positiveInt(50),
  DAILY_BUDGET_USD: z.coerce.number().positive().default(5),
  RECONCILE_AFTER_SECONDS: positiveInt(120),
  RECONCILE_INTERVAL_SECONDS: positiveInt(30),
  QUEUED_TIMEOUT_SECONDS: positiveInt(60),
});

const schema = shape.superRefine((env, ctx) => {
  const missing = (name: string, why: string) =>
    ctx.addIssue({ code: "custom", path: [name], message: `${name} is required ${why}` });
  // Real Replicate must be able to reach us, so the webhook origin must be known.
  if (env.REPLICATE_API_TOKEN && !env.APP_URL && !env.VERCEL_PROJECT_PRODUCTION_URL) {
    missing("APP_URL", "when REPLICATE_API_TOKEN is set (Replicate posts webhooks to it)");
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

function parse<T>(s: z.ZodType<T>): T {
  const parsed = s.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  - ${i.path.join(".") || "env"}: ${i.message}`);
    throw new Error(`Invalid environment configuration:\n${lines.join("\n")}\nSee .env.example.`);
  }
  return parsed.data;
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

/** True when inference runs against the bundled local emulator rather than real Replicate. */
export function usesEmulator(): boolean {
  return !env().REPLICATE_API_TOKEN;
}

/** The Replicate API base: REPLICATE_BASE_URL, else the local emulator without a token, else the SDK's default. */
export function replicateBaseUrl(): string | undefined {
  const { REPLICATE_BASE_URL, EMULATOR_PORT } = env();
  return REPLICATE_BASE_URL ?? (usesEmulator() ? `http://127.0.0.1:${EMULATOR_PORT}/v1` : undefined);
}
