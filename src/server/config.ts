import path from 'node:path';

/** Every environment variable the app reads, in one place (documented in README "Configuration"). */
export interface AppConfig {
  databaseUrl: string | undefined;
  sqlitePath: string;
  /** SQLite durability: FULL (default) syncs the WAL on every commit; NORMAL may lose the last commits on power loss. */
  sqliteSynchronous: 'FULL' | 'NORMAL';
  /** SQLite group commit of concurrent shop transactions (tenant/group-commit.ts); on unless 0. */
  sqliteGroupCommit: boolean;
  dataDir: string;
  publicUrl: string;
  production: boolean;
  trustProxy: number;
  orderExpiryHours: number;
  /** How long an unconfirmed public order keeps its stock (minutes; fractions allowed). */
  orderHoldMinutes: number;
  /** At most this many units held at once by unconfirmed orders of one customer phone / one client IP, per shop. */
  orderHoldMaxUnitsPerPhone: number;
  orderHoldMaxUnitsPerIp: number;
  /** The first password back-off after the free failures (seconds); each further failure doubles it. */
  passwordBackoffSeconds: number;
  platformFeePercent: number;
  stripeSecretKey: string | undefined;
  stripeWebhookSecret: string | undefined;
  stripeApi: { host: string; port: number; protocol: 'http' | 'https' } | undefined;
  logPasswordChecks: boolean;
  pgCrossShopRole: string | undefined;
  /** Outgoing mail (password reset links): smtp(s)://user:pass@host:port; unset = no email, the sign-in help explains who can issue a link. */
  smtpUrl: string | undefined;
  mailFrom: string;
  /** The program office's WhatsApp number (E.164 or 08…), offered on the password help page; unset = WhatsApp asks for a contact. */
  programOfficeWhatsapp: string | undefined;
}

function positive(v: string | undefined, fallback: number): number {
  const n = Number(v ?? fallback);
  return Number.isFinite(n) && n > 0 ? n : fallback;
}

function readConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const dataDir = path.resolve(env.DATA_DIR ?? 'data');
  const port = env.PORT ?? '4321';
  const stripeApiBase = env.STRIPE_API_BASE;
  let stripeApi: AppConfig['stripeApi'];
  if (stripeApiBase) {
    const u = new URL(stripeApiBase);
    stripeApi = {
      host: u.hostname,
      port: Number(u.port || (u.protocol === 'https:' ? 443 : 80)),
      protocol: u.protocol === 'http:' ? 'http' : 'https',
    };
  }
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    sqlitePath: path.resolve(env.SQLITE_PATH ?? path.join(dataDir, 'etalase.sqlite')),
    sqliteSynchronous: env.SQLITE_SYNCHRONOUS?.toUpperCase() === 'NORMAL' ? 'NORMAL' : 'FULL',
    sqliteGroupCommit: env.SQLITE_GROUP_COMMIT !== '0',
    dataDir,
    publicUrl: (env.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/+$/, ''),
    production: env.NODE_ENV === 'production',
    trustProxy: Number(env.TRUST_PROXY ?? 0) || 0,
    orderExpiryHours: Number(env.ORDER_EXPIRY_HOURS ?? 48) || 48,
    orderHoldMinutes: positive(env.ORDER_HOLD_MINUTES, 120),
    orderHoldMaxUnitsPerPhone: positive(env.ORDER_HOLD_MAX_UNITS_PER_PHONE, 50),
    orderHoldMaxUnitsPerIp: positive(env.ORDER_HOLD_MAX_UNITS_PER_IP, 200),
    passwordBackoffSeconds: positive(env.PASSWORD_BACKOFF_SECONDS, 30),
    platformFeePercent: Number(env.PLATFORM_FEE_PERCENT ?? 0) || 0,
    stripeSecretKey: env.STRIPE_SECRET_KEY || undefined,
    stripeWebhookSecret: env.STRIPE_WEBHOOK_SECRET || undefined,
    stripeApi,
    logPasswordChecks: env.ETALASE_LOG_PASSWORD_CHECKS === '1',
    pgCrossShopRole: env.PG_CROSS_SHOP_ROLE || undefined,
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM || `Etalase <no-reply@${new URL(env.PUBLIC_URL ?? `http://localhost:${port}`).hostname}>`,
    programOfficeWhatsapp: env.PROGRAM_OFFICE_WHATSAPP || undefined,
  };
}

let cached: AppConfig | undefined;
export function config(): AppConfig {
  cached ??= readConfig();
  return cached;
}

/** Tests change the environment between suites. */
export function resetConfig(): void {
  cached = undefined;
}

/** Absolute URL on the public origin; the only way the app builds links that leave the server. */
export function absoluteUrl(pathname: string): string {
  return config().publicUrl + (pathname.startsWith('/') ? pathname : `/${pathname}`);
}
