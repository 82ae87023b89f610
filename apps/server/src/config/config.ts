import { z } from 'zod';
import { AppError } from '@tandem/schema';

/*
 * All configuration comes from the environment and is parsed here, once, so a typo in a
 * variable stops the process at start-up with a message naming the variable instead of
 * surfacing later as odd behaviour. Empty strings count as unset: compose files and CI
 * often pass `VAR=` for "not configured".
 */

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], {
    error: 'Use true or false',
  })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const httpUrl = z.url({ protocol: /^https?$/, error: 'Use an http(s):// URL' });

const EnvSchema = z.object({
  PORT: z.coerce
    .number({ error: 'Use a port number' })
    .int('Use a whole port number')
    .min(0, 'Use 0..65535 (0 picks a free port)')
    .max(65535, 'Use 0..65535 (0 picks a free port)')
    .default(3000),
  TANDEM_DATA_DIR: z.string().min(1).default('./data'),
  MONGODB_URI: z
    .string()
    .regex(/^mongodb(\+srv)?:\/\/\S+$/, 'Use a mongodb:// or mongodb+srv:// URI')
    .optional(),
  OPENAI_API_KEY: z.string().min(1).max(500).optional(),
  OPENAI_BASE_URL: httpUrl.optional(),
  TANDEM_MODEL: z.string().min(1).max(200).optional(),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\/\S+$/, 'Use a redis:// or rediss:// URL')
    .optional(),
  TANDEM_ROLE: z
    .enum(['all', 'server', 'worker'], { error: 'Use all, server or worker' })
    .default('all'),
  TANDEM_QUEUE_LOCK_MS: z.coerce
    .number({ error: 'Use milliseconds' })
    .int('Use whole milliseconds')
    .min(1000, 'Use at least 1000')
    .max(600_000, 'Use at most 600000')
    .default(30_000),
  TANDEM_METRICS_PORT: z.coerce
    .number({ error: 'Use a port number' })
    .int('Use a whole port number')
    .min(0, 'Use 0..65535 (0 picks a free port)')
    .max(65535, 'Use 0..65535 (0 picks a free port)')
    .optional(),
  TANDEM_METRICS_TOKEN: z.string().min(16, 'Use at least 16 characters').max(500).optional(),
  TANDEM_SEED: z.enum(['demo', 'none'], { error: 'Use demo or none' }).default('demo'),
  TANDEM_ALLOW_PRIVATE_NETWORK: booleanFlag.default(false),
  TANDEM_SECRET_KEY: z
    .string()
    .min(32, 'Use at least 32 characters (e.g. `openssl rand -base64 32`)')
    .max(500)
    .optional(),
  TANDEM_ADMIN_EMAIL: z.email('Use an email address').optional(),
  TANDEM_ADMIN_PASSWORD: z.string().min(12, 'Use at least 12 characters').max(200).optional(),
  NODE_ENV: z
    .enum(['development', 'production', 'test'], { error: 'Use development, production or test' })
    .default('development'),
  TANDEM_CORS_ORIGIN: z.string().max(2000).optional(),
  TANDEM_TRUST_PROXY: z.coerce
    .number({ error: 'Use the number of proxies in front of the server (0 = none)' })
    .int('Use a whole number')
    .min(0, 'Use 0..10')
    .max(10, 'Use 0..10')
    .default(0),
  TANDEM_LOG_LEVEL: z
    .enum(['debug', 'info', 'warn', 'error', 'silent'], {
      error: 'Use debug, info, warn, error or silent',
    })
    .default('info'),
});

/** Every variable the server reads; docker-compose and .env.example are checked against it. */
export const CONFIG_ENV_VARS = Object.keys(EnvSchema.shape) as (keyof typeof EnvSchema.shape)[];

export type LogLevel = z.infer<typeof EnvSchema>['TANDEM_LOG_LEVEL'];

export interface Config {
  port: number;
  dataDir: string;
  mongoUri: string | undefined;
  openai: { apiKey: string | undefined; baseUrl: string | undefined; model: string | undefined };
  redisUrl: string | undefined;
  /** all: HTTP, sockets and steps; server: HTTP and sockets; worker: steps only (REDIS_URL). */
  role: 'all' | 'server' | 'worker';
  /** How long a dead worker's queue jobs stay locked before another worker takes them. */
  queueLockMs: number;
  /** Prometheus /metrics on its own port, behind a bearer token; undefined = off. */
  metrics: { port: number; token: string } | undefined;
  seed: 'demo' | 'none';
  allowPrivateNetwork: boolean;
  secretKey: string | undefined;
  admin: { email: string; password: string } | undefined;
  nodeEnv: 'development' | 'production' | 'test';
  /** Origins allowed to open a socket (and to call the API cross-origin); empty = same origin. */
  allowedOrigins: string[];
  /** Reverse proxies in front of the server; their X-Forwarded-For names the client IP. */
  trustProxyHops: number;
  logLevel: LogLevel;
}

function parseOrigins(raw: string | undefined, ctx: z.RefinementCtx): string[] {
  if (!raw) return [];
  const origins: string[] = [];
  for (const part of raw.split(',')) {
    const value = part.trim();
    if (!value) continue;
    try {
      const url = new URL(value);
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('protocol');
      origins.push(url.origin);
    } catch {
      ctx.addIssue({
        code: 'custom',
        path: ['TANDEM_CORS_ORIGIN'],
        message: `"${value}" is not an origin like https://tandem.example.com`,
      });
    }
  }
  return origins;
}

const ConfigSchema = EnvSchema.transform((env, ctx): Config => {
  const adminPair = [env.TANDEM_ADMIN_EMAIL, env.TANDEM_ADMIN_PASSWORD];
  if (adminPair.filter(Boolean).length === 1) {
    ctx.addIssue({
      code: 'custom',
      path: [env.TANDEM_ADMIN_EMAIL ? 'TANDEM_ADMIN_PASSWORD' : 'TANDEM_ADMIN_EMAIL'],
      message: 'Set TANDEM_ADMIN_EMAIL and TANDEM_ADMIN_PASSWORD together',
    });
  }
  if (env.TANDEM_ROLE !== 'all' && !env.REDIS_URL) {
    ctx.addIssue({
      code: 'custom',
      path: ['TANDEM_ROLE'],
      message: 'Separate server and worker processes share work through Redis: set REDIS_URL',
    });
  }
  if ((env.TANDEM_METRICS_PORT === undefined) !== (env.TANDEM_METRICS_TOKEN === undefined)) {
    ctx.addIssue({
      code: 'custom',
      path: [
        env.TANDEM_METRICS_PORT === undefined ? 'TANDEM_METRICS_PORT' : 'TANDEM_METRICS_TOKEN',
      ],
      message: 'Set TANDEM_METRICS_PORT and TANDEM_METRICS_TOKEN together',
    });
  }
  return {
    port: env.PORT,
    dataDir: env.TANDEM_DATA_DIR,
    mongoUri: env.MONGODB_URI,
    openai: {
      apiKey: env.OPENAI_API_KEY,
      baseUrl: env.OPENAI_BASE_URL,
      model: env.TANDEM_MODEL,
    },
    redisUrl: env.REDIS_URL,
    role: env.TANDEM_ROLE,
    queueLockMs: env.TANDEM_QUEUE_LOCK_MS,
    metrics:
      env.TANDEM_METRICS_PORT !== undefined && env.TANDEM_METRICS_TOKEN
        ? { port: env.TANDEM_METRICS_PORT, token: env.TANDEM_METRICS_TOKEN }
        : undefined,
    seed: env.TANDEM_SEED,
    allowPrivateNetwork: env.TANDEM_ALLOW_PRIVATE_NETWORK,
    secretKey: env.TANDEM_SECRET_KEY,
    admin:
      env.TANDEM_ADMIN_EMAIL && env.TANDEM_ADMIN_PASSWORD
        ? { email: env.TANDEM_ADMIN_EMAIL.toLowerCase(), password: env.TANDEM_ADMIN_PASSWORD }
        : undefined,
    nodeEnv: env.NODE_ENV,
    allowedOrigins: parseOrigins(env.TANDEM_CORS_ORIGIN, ctx),
    trustProxyHops: env.TANDEM_TRUST_PROXY,
    logLevel: env.TANDEM_LOG_LEVEL,
  };
});

/** Values that must never appear in an error message, even when they are the invalid ones. */
const SECRET_VARS = new Set([
  'OPENAI_API_KEY',
  'TANDEM_SECRET_KEY',
  'TANDEM_ADMIN_PASSWORD',
  'TANDEM_METRICS_TOKEN',
]);

/** Connection strings, which may carry a user and password before their `@`. */
const URL_VARS = new Set(['MONGODB_URI', 'REDIS_URL', 'OPENAI_BASE_URL']);

/** How an invalid value is quoted back: never a secret, never a connection string's password. */
function shownValue(name: string, got: string | undefined): string {
  if (got === undefined || SECRET_VARS.has(name)) return '';
  // Masked up to the last `@` even when the URL is too malformed to parse into parts.
  const value = URL_VARS.has(name)
    ? got.replace(/^([a-z][a-z0-9+.-]*:\/\/)?.*@/is, (_, scheme?: string) => `${scheme ?? ''}…@`)
    : got;
  return ` (got "${value}")`;
}

/**
 * Parses the environment. Throws AppError CONFIG_INVALID whose message lists every bad
 * variable on its own line, e.g. `PORT: Use 0..65535 (0 picks a free port) (got "70000")`.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const picked: Record<string, string> = {};
  for (const name of CONFIG_ENV_VARS) {
    const value = env[name];
    if (value !== undefined && value.trim() !== '') picked[name] = value.trim();
  }
  const result = ConfigSchema.safeParse(picked);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const name = String(issue.path[0] ?? 'environment');
    return `  ${name}: ${issue.message}${shownValue(name, picked[name])}`;
  });
  throw new AppError({
    code: 'CONFIG_INVALID',
    message: `Invalid configuration:\n${lines.join('\n')}`,
    details: { variables: result.error.issues.map((i) => String(i.path[0])) },
  });
}
