import { MAX_PHOTOS } from '../catalog/schemas.ts';

/**
 * Request body caps (bytes), enforced while streaming by readBody (body.ts). Routes declare which one
 * applies: `maxBytes` in routes.ts (API) and page-routes.ts (pages); everything else gets the default.
 */
export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;
/** One uploaded image. */
export const MAX_FILE_BYTES = 15 * 1024 * 1024;
/** A form with one image beside its text fields. */
export const ONE_FILE_FORM_BYTES = MAX_FILE_BYTES + 64 * 1024;
/** A product photo upload: MAX_PHOTOS images at the per-file cap, plus form overhead. */
export const PHOTOS_FORM_BYTES = MAX_PHOTOS * MAX_FILE_BYTES + 1024 * 1024;
/** A design document (1 MB of JSON, brand/schema.ts) with its wrapper. */
export const DESIGN_BODY_BYTES = 1_100_000;
/** A marketplace export upload: MAX_IMPORT_BYTES (imports/marketplace-file.ts) and the form's text fields. */
export const IMPORT_FORM_BYTES = 10 * 1024 * 1024 + 64 * 1024;
export const STRIPE_WEBHOOK_BYTES = 512 * 1024;
/** One sync request from a device back online: up to MAX_CHANGES changes (sync/schemas.ts), a sale of many lines each. */
export const SYNC_BODY_BYTES = 512 * 1024;
