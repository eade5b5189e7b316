import { z } from 'zod';
import { defineRoute } from './api.ts';
import { changePasswordInput, signInInput, signUpInput } from '../auth/schemas.ts';
import { shopInput, shopUpdateInput } from '../shops/schemas.ts';
import { productInput, productPatchInput } from '../catalog/schemas.ts';
import { createOrderInput, transitionInput } from '../orders/schemas.ts';
import { currentSessionResponse, issueResetResponse, signInResponse, signUpResponse } from '../auth/responses.ts';
import {
  auditResponse,
  createShopResponse,
  getShopResponse,
  inviteResponse,
  membersResponse,
  myShopsResponse,
  updateShopResponse,
  villagesResponse,
} from '../shops/responses.ts';
import { photosResponse, productResponse, publicProductsResponse } from '../catalog/responses.ts';
import {
  createOrderResponse,
  listOrdersResponse,
  orderStatusResponse,
  orderStatusSchema,
  pendingOrdersResponse,
  transitionResponse,
} from '../orders/responses.ts';
import {
  brandKitResponse,
  certificationsResponse,
  designImageResponse,
  designVersionResponse,
  designVersionsResponse,
  getDesignResponse,
  labelFactsResponse,
  listDesignsResponse,
  listLabelFactsResponse,
  publishBrandKitResponse,
  restoreDesignResponse,
} from '../branding/responses.ts';
import { programSummaryResponse } from '../program/responses.ts';
import { webhookResponse } from '../payments/responses.ts';
import { RATE_LIMITS } from './rate-limits.ts';
import { DESIGN_BODY_BYTES, ONE_FILE_FORM_BYTES, PHOTOS_FORM_BYTES, STRIPE_WEBHOOK_BYTES } from './body-limits.ts';
import {
  brandKitInput,
  certificationsInput,
  createDesignInput,
  labelFactsInput,
  restoreInput,
  saveDesignInput,
} from '../branding/schemas.ts';

const listOrdersQuery = z.object({
  status: z
    .enum(orderStatusSchema.options, { error: 'validation.choice' })
    .optional()
    .describe('pending | confirmed | paid | fulfilled | cancelled | expired'),
  before: z
    .string()
    .refine((v) => !Number.isNaN(Date.parse(v)), { error: 'validation.invalid' })
    .optional()
    .describe('ISO time: orders placed before it (paging)'),
});
// The use case checks the format (its own message); the schema documents the choices.
const exportDesignQuery = z.object({
  format: z.string().optional().describe('png | pdf | sheet (required)'),
  size: z.string().optional().describe('PNG size in px: 512, 1024, 1080 or 2048'),
});

/** The JSON API, declared once (see api.ts). Later issues add their routes here. */
export const ROUTES = {
  signUp: defineRoute({
    method: 'post',
    path: '/api/v1/users',
    tag: 'auth',
    summary: 'Create an account and sign in',
    access: { kind: 'public' },
    body: signUpInput,
    success: 201,
    rateLimit: RATE_LIMITS.signUp,
    response: signUpResponse,
  }),
  signIn: defineRoute({
    method: 'post',
    path: '/api/v1/session',
    tag: 'auth',
    summary: 'Sign in by email or phone number',
    access: { kind: 'public' },
    body: signInInput,
    success: 201,
    response: signInResponse,
  }),
  currentSession: defineRoute({
    method: 'get',
    path: '/api/v1/session',
    tag: 'auth',
    summary: 'The signed-in user and their shops',
    access: { kind: 'signedIn' },
    response: currentSessionResponse,
  }),
  signOut: defineRoute({
    method: 'delete',
    path: '/api/v1/session',
    tag: 'auth',
    summary: 'Sign out (ends this session)',
    access: { kind: 'signedIn' },
    success: 204,
  }),
  changePassword: defineRoute({
    method: 'post',
    path: '/api/v1/me/password',
    tag: 'auth',
    summary: 'Change password; ends the other sessions',
    access: { kind: 'signedIn' },
    body: changePasswordInput,
    success: 204,
  }),
  issueReset: defineRoute({
    method: 'post',
    path: '/api/v1/users/{userId}/password-resets',
    tag: 'auth',
    summary: 'Issue a one-time password-reset link to send over WhatsApp (owner for staff, officer for program members, admin)',
    access: { kind: 'signedIn' },
    success: 201,
    response: issueResetResponse,
  }),
  villages: defineRoute({
    method: 'get',
    path: '/api/v1/villages',
    tag: 'program',
    summary: 'Villages (desa) and sub-districts (kecamatan) of the program',
    access: { kind: 'public' },
    response: villagesResponse,
  }),
  myShops: defineRoute({
    method: 'get',
    path: '/api/v1/shops',
    tag: 'shops',
    summary: 'Shops of the signed-in user',
    access: { kind: 'signedIn' },
    response: myShopsResponse,
  }),
  createShop: defineRoute({
    method: 'post',
    path: '/api/v1/shops',
    tag: 'shops',
    summary: 'Create a shop; the caller becomes its owner',
    access: { kind: 'signedIn' },
    body: shopInput,
    success: 201,
    response: createShopResponse,
  }),
  getShop: defineRoute({
    method: 'get',
    path: '/api/v1/shops/{shop}',
    tag: 'shops',
    summary: 'A shop as its members see it',
    access: { kind: 'shop', capability: 'shop.view' },
    response: getShopResponse,
  }),
  updateShop: defineRoute({
    method: 'patch',
    path: '/api/v1/shops/{shop}',
    tag: 'shops',
    summary: 'Edit the shop profile',
    access: { kind: 'shop', capability: 'shop.edit' },
    body: shopUpdateInput,
    response: updateShopResponse,
  }),
  members: defineRoute({
    method: 'get',
    path: '/api/v1/shops/{shop}/members',
    tag: 'shops',
    summary:
      'Owner and staff of the shop; `canReset` says whether the caller may issue that member a password-reset link (the same rule issuing applies)',
    access: { kind: 'shop', capability: 'staff.manage' },
    response: membersResponse,
  }),
  invite: defineRoute({
    method: 'post',
    path: '/api/v1/shops/{shop}/invites',
    tag: 'shops',
    summary: 'Create a one-time staff invite link',
    access: { kind: 'shop', capability: 'staff.manage' },
    success: 201,
    response: inviteResponse,
  }),
  removeMember: defineRoute({
    method: 'delete',
    path: '/api/v1/shops/{shop}/members/{userId}',
    tag: 'shops',
    summary: 'Remove a staff member and end their sessions',
    access: { kind: 'shop', capability: 'staff.manage' },
    success: 204,
  }),
  audit: defineRoute({
    method: 'get',
    path: '/api/v1/shops/{shop}/audit',
    tag: 'shops',
    summary: 'Audit log of the shop',
    access: { kind: 'shop', capability: 'audit.view' },
    response: auditResponse,
  }),
  stripeWebhook: defineRoute({
    method: 'post',
    path: '/api/v1/stripe/webhook',
    tag: 'payments',
    access: { kind: 'public' },
    maxBytes: STRIPE_WEBHOOK_BYTES,
    summary:
      'Stripe Connect webhook (signed with STRIPE_WEBHOOK_SECRET; raw JSON body). Handles checkout.session.completed, ' +
      '.async_payment_succeeded (order paid), .async_payment_failed (noted; order stays pending), .expired (a card order expires), ' +
      'charge.refunded (refund noted; fully refunded paid order cancelled), charge.dispute.created (dispute shown on the order), ' +
      'account.updated (card readiness), account.application.deauthorized (account cleared). Bad or stale signature: 400, nothing written.',

    response: webhookResponse,
  }),
  publicProducts: defineRoute({
    method: 'get',
    path: '/api/v1/shops/{shop}/products',
    tag: 'catalog',
    summary:
      "Published products of a shop with variants, prices, stock status and photo URLs (never costs or drafts): a projection of the same model the storefront, feeds and JSON-LD use. `price` is the lowest price a buyer pays (the cheapest variant's) and `compareAtPrice` appears only above it",
    access: { kind: 'public' },
    response: publicProductsResponse,
  }),
  createProduct: defineRoute({
    method: 'post',
    path: '/api/v1/shops/{shop}/products',
    tag: 'catalog',
    summary: 'Create a product with its variants (prices in whole Rupiah; unitCost only from roles with products.cost)',
    access: { kind: 'shop', capability: 'products.edit' },
    body: productInput,
    success: 201,
    response: productResponse,
  }),
  getProduct: defineRoute({
    method: 'get',
    path: '/api/v1/shops/{shop}/products/{id}',
    tag: 'catalog',
    summary: "A product as the shop's members see it; unitCost appears only for roles with products.cost",
    access: { kind: 'shop', capability: 'products.view' },
    response: productResponse,
  }),
  updateProduct: defineRoute({
    method: 'patch',
    path: '/api/v1/shops/{shop}/products/{id}',
    tag: 'catalog',
    summary: 'Change a product; absent fields stay, `variants` (when given) is the full list',
    access: { kind: 'shop', capability: 'products.edit' },
    body: productPatchInput,
    response: productResponse,
  }),
  deleteProduct: defineRoute({
    method: 'delete',
    path: '/api/v1/shops/{shop}/products/{id}',
    tag: 'catalog',
    summary: 'Delete a product with its variants and photos',
    access: { kind: 'shop', capability: 'products.edit' },
    success: 204,
  }),
  addProductPhotos: defineRoute({
    method: 'post',
    path: '/api/v1/shops/{shop}/products/{id}/photos',
    tag: 'catalog',
    summary: 'Upload photos (multipart `file`, repeatable; at most 8 per product). JPEG, PNG, WebP, HEIC/AVIF up to 15 MB each',
    access: { kind: 'shop', capability: 'products.edit' },
    upload: { file: 'file', description: 'Image files', fields: { alt: 'Description of the photos (optional)' } },
    success: 201,
    maxBytes: PHOTOS_FORM_BYTES,
    response: photosResponse,
  }),
  deleteProductPhoto: defineRoute({
    method: 'delete',
    path: '/api/v1/shops/{shop}/products/{id}/photos/{mediaId}',
    tag: 'catalog',
    summary: 'Delete a product photo and its stored files',
    access: { kind: 'shop', capability: 'products.edit' },
    success: 204,
  }),
  createOrder: defineRoute({
    method: 'post',
    path: '/api/v1/shops/{shop}/orders',
    tag: 'orders',
    summary:
      'Place an order (public). Prices and totals come from the catalog, never from the request; stock is held for ORDER_HOLD_MINUTES (a card order: its Checkout Session) within per-phone and per-IP caps (429); the same idempotency key (body or Idempotency-Key header) with the same body returns the same order, with another body 422',
    access: { kind: 'public' },
    body: createOrderInput,
    success: 201,
    rateLimit: RATE_LIMITS.placeOrder,
    response: createOrderResponse,
  }),
  orderStatus: defineRoute({
    method: 'get',
    path: '/api/v1/shops/{shop}/orders/{code}',
    tag: 'orders',
    summary: 'An order as its customer sees it (public with the status token; 404 without it)',
    access: { kind: 'public' },
    query: z.object({ token: z.string().optional().describe('The status token from the order link (without it: 404)') }),
    response: orderStatusResponse,
  }),
  listOrders: defineRoute({
    method: 'get',
    path: '/api/v1/shops/{shop}/orders',
    tag: 'orders',
    summary: 'Orders of the shop, newest first',
    access: { kind: 'shop', capability: 'orders.manage' },
    query: listOrdersQuery,
    response: listOrdersResponse,
  }),
  pendingOrders: defineRoute({
    method: 'get',
    path: '/api/v1/shops/{shop}/orders/pending-count',
    tag: 'orders',
    summary: 'How many orders wait for confirmation, and the newest (the dashboard polls this)',
    access: { kind: 'shop', capability: 'orders.manage' },
    response: pendingOrdersResponse,
  }),
  orderTransition: defineRoute({
    method: 'post',
    path: '/api/v1/shops/{shop}/orders/{code}/transitions',
    tag: 'orders',
    summary: 'Confirm, mark paid, fulfil or cancel an order',
    access: { kind: 'shop', capability: 'orders.manage' },
    body: transitionInput,
    response: transitionResponse,
  }),
  // Brand studio (src/server/branding/): designs with versions, exports, label facts, the brand kit.
  listDesigns: defineRoute({
    method: 'get',
    path: '/api/v1/shops/{shop}/designs',
    tag: 'brand',
    summary: 'Designs of the shop (logos, labels, social posts)',
    access: { kind: 'shop', capability: 'brand.edit' },
    response: listDesignsResponse,
  }),
  createDesign: defineRoute({
    method: 'post',
    path: '/api/v1/shops/{shop}/designs',
    tag: 'brand',
    summary: 'Create a design, blank or from a starter template',
    access: { kind: 'shop', capability: 'brand.edit' },
    body: createDesignInput,
    success: 201,
    response: designVersionResponse,
  }),
  getDesign: defineRoute({
    method: 'get',
    path: '/api/v1/shops/{shop}/designs/{designId}',
    tag: 'brand',
    summary: "A design's current version, with the label facts it shows and the missing mandatory ones",
    access: { kind: 'shop', capability: 'brand.edit' },
    response: getDesignResponse,
  }),
  saveDesign: defineRoute({
    method: 'put',
    path: '/api/v1/shops/{shop}/designs/{designId}',
    tag: 'brand',
    summary: "Save a new version (checked against the object/property allowlist; images only from this shop's uploads)",
    access: { kind: 'shop', capability: 'brand.edit' },
    body: saveDesignInput,
    maxBytes: DESIGN_BODY_BYTES,
    response: designVersionResponse,
  }),
  designVersions: defineRoute({
    method: 'get',
    path: '/api/v1/shops/{shop}/designs/{designId}/versions',
    tag: 'brand',
    summary: 'Version history of a design',
    access: { kind: 'shop', capability: 'brand.edit' },
    response: designVersionsResponse,
  }),
  restoreDesign: defineRoute({
    method: 'post',
    path: '/api/v1/shops/{shop}/designs/{designId}/restore',
    tag: 'brand',
    summary: 'Restore an old version (saved as a new version)',
    access: { kind: 'shop', capability: 'brand.edit' },
    body: restoreInput,
    response: restoreDesignResponse,
  }),
  exportDesign: defineRoute({
    method: 'get',
    path: '/api/v1/shops/{shop}/designs/{designId}/export',
    tag: 'brand',
    summary: 'Download a rendering: PNG, print PDF (trim + 3 mm bleed, 300 DPI, crop marks) or A4 sticker sheet',
    access: { kind: 'shop', capability: 'brand.edit' },
    query: exportDesignQuery,
    binary: ['image/png', 'application/pdf'],
  }),
  uploadDesignImage: defineRoute({
    method: 'post',
    path: '/api/v1/shops/{shop}/design-images',
    tag: 'brand',
    summary: 'Upload an image for designs (multipart field "file"; JPEG, PNG, WebP, AVIF, HEIF; SVG refused)',
    access: { kind: 'shop', capability: 'brand.edit' },
    success: 201,
    maxBytes: ONE_FILE_FORM_BYTES,
    response: designImageResponse,
  }),
  listLabelFacts: defineRoute({
    method: 'get',
    path: '/api/v1/shops/{shop}/label-facts',
    tag: 'brand',
    summary: 'Label facts of every product, with the missing mandatory ones',
    access: { kind: 'shop', capability: 'brand.edit' },
    response: listLabelFactsResponse,
  }),
  saveLabelFacts: defineRoute({
    method: 'put',
    path: '/api/v1/shops/{shop}/label-facts/{productId}',
    tag: 'brand',
    summary: "Set a product's label facts (composition, net weight, producer, P-IRT/BPOM MD, production code, expiry)",
    access: { kind: 'shop', capability: 'brand.edit' },
    body: labelFactsInput,
    response: labelFactsResponse,
  }),
  saveCertifications: defineRoute({
    method: 'put',
    path: '/api/v1/shops/{shop}/certifications',
    tag: 'brand',
    summary: "Record the shop's halal certificate number and NIB",
    access: { kind: 'shop', capability: 'brand.edit' },
    body: certificationsInput,
    response: certificationsResponse,
  }),
  getBrandKit: defineRoute({
    method: 'get',
    path: '/api/v1/shops/{shop}/brand-kit',
    tag: 'brand',
    summary: 'The brand kit draft and what is published',
    access: { kind: 'shop', capability: 'brand.edit' },
    response: brandKitResponse,
  }),
  saveBrandKit: defineRoute({
    method: 'put',
    path: '/api/v1/shops/{shop}/brand-kit',
    tag: 'brand',
    summary: 'Edit the brand kit draft (logo, up to 6 colours, 2 fonts, tagline)',
    access: { kind: 'shop', capability: 'brand.edit' },
    body: brandKitInput,
    response: brandKitResponse,
  }),
  publishBrandKit: defineRoute({
    method: 'post',
    path: '/api/v1/shops/{shop}/brand-kit/publish',
    tag: 'brand',
    summary: 'Publish the brand kit to the public shop pages (renders logo, favicons, share image)',
    access: { kind: 'shop', capability: 'brand.publish' },
    success: 201,
    response: publishBrandKitResponse,
  }),
  programSummary: defineRoute({
    method: 'get',
    path: '/api/v1/program/summary',
    tag: 'program',
    summary: 'Shops per village for program officers',
    access: { kind: 'program', capability: 'program.view' },
    response: programSummaryResponse,
  }),
} as const;

export const errorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.record(z.string(), z.array(z.string())).optional(),
  }),
});
