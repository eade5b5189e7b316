/** Typed application errors; src/server/http/respond.ts is the one place that maps them to HTTP. */
export type FieldErrors = Record<string, string[]>;

export class AppError extends Error {
  readonly status: number;
  readonly code: string;
  /** Message key for src/i18n; params fill its placeholders. */
  readonly messageKey: string;
  readonly params: Record<string, string | number>;
  constructor(status: number, code: string, messageKey: string, params: Record<string, string | number> = {}) {
    super(messageKey);
    this.status = status;
    this.code = code;
    this.messageKey = messageKey;
    this.params = params;
  }
}

export class NotFound extends AppError {
  constructor(messageKey = 'error.notFound') {
    super(404, 'not_found', messageKey);
  }
}

export class Invalid extends AppError {
  /** Field errors hold message keys (or already-translated zod messages) per field path. */
  readonly fields: FieldErrors;
  constructor(fields: FieldErrors, messageKey = 'error.invalid', params: Record<string, string | number> = {}) {
    super(400, 'invalid', messageKey, params);
    this.fields = fields;
  }
}

export class Unauthorized extends AppError {
  constructor(messageKey = 'error.signInRequired') {
    super(401, 'unauthorized', messageKey);
  }
}

export class Forbidden extends AppError {
  constructor(messageKey = 'error.forbidden') {
    super(403, 'forbidden', messageKey);
  }
}

export class Conflict extends AppError {
  constructor(messageKey = 'error.conflict', params: Record<string, string | number> = {}) {
    super(409, 'conflict', messageKey, params);
  }
}

/**
 * A guarded write found the row changed by a concurrent transaction after it was read (two servers or a
 * webhook confirming one order at once). inShop rolls back and runs the use case again, which then sees the
 * winner's state (an order already confirmed answers `changed: false`); it surfaces as a 409 only if the race
 * repeats.
 */
export class LostRace extends Conflict {}

export class TooManyRequests extends AppError {
  readonly retryAfterSeconds: number;
  constructor(retryAfterSeconds: number, messageKey = 'error.tooMany') {
    super(429, 'rate_limited', messageKey, { seconds: retryAfterSeconds });
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** A request body over the route's declared cap (src/server/http/body.ts); the connection is closed after it. */
export class PayloadTooLarge extends AppError {
  constructor(messageKey = 'validation.bodyTooLarge') {
    super(413, 'payload_too_large', messageKey);
  }
}

/** A request body of a kind the route does not read (a JSON route sent a form, a form page sent JSON). */
export class UnsupportedMediaType extends AppError {
  constructor() {
    super(415, 'unsupported_media_type', 'validation.mediaType');
  }
}

/** An unsafe request (POST, PUT, PATCH, DELETE) sent from another site: its Origin is not this server's. */
export class CrossOrigin extends AppError {
  constructor() {
    super(403, 'cross_origin', 'error.crossOrigin');
  }
}

/**
 * The server cannot write: its disk is full or read-only, or the database refuses writes. Nothing of the
 * request was kept (its transaction rolled back), so the client may send it again later.
 */
export class StorageUnavailable extends AppError {
  readonly retryAfterSeconds = 60;
  constructor() {
    super(503, 'storage_unavailable', 'error.storageUnavailable');
  }
}

// SQLite result codes (better-sqlite3's SqliteError.code), errno codes of Node's fs, and PostgreSQL SQLSTATEs
// (disk_full, read_only_sql_transaction, io_error, cannot_connect_now) that mean "cannot write here now".
const STORAGE_CODE = /^(SQLITE_FULL|SQLITE_READONLY\w*|SQLITE_IOERR\w*|ENOSPC|EROFS|EDQUOT|EIO|53100|25006|58030|57P03)$/;

/** A storage fault as the typed 503, looking through wrapped causes; null for any other error. */
export function storageFault(err: unknown): StorageUnavailable | null {
  for (let e = err, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof StorageUnavailable) return e;
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && STORAGE_CODE.test(code)) return new StorageUnavailable();
  }
  return null;
}

/** The request is well-formed but contradicts an earlier one (an idempotency key reused with another body). */
export class Unprocessable extends AppError {
  constructor(messageKey = 'error.invalid', params: Record<string, string | number> = {}) {
    super(422, 'unprocessable', messageKey, params);
  }
}

/**
 * A label that would print without a mandatory fact (BPOM 31/2018): the print PDF and sticker sheet are refused
 * with 422 and the missing facts as `fields.facts` (message keys), so the studio can list what to fill in.
 */
export class LabelNotReady extends Invalid {
  readonly missing: string[];
  constructor(missing: string[]) {
    super({ facts: missing }, 'brand.export.factsMissing', { count: missing.length });
    // An Invalid for the fields it carries, answered as 422: the request is fine, the label is not ready.
    Object.assign(this, { status: 422, code: 'label_not_ready' });
    this.missing = missing;
  }
}
