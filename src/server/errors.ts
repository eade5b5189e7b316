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
