import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { SaxesParser } from 'saxes';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '#server/http/routes.ts';
import { DEMO_PASSWORD } from '../helpers/db.ts';
import { count } from '../helpers/full.ts';
import { Client, multipart } from '../helpers/http.ts';
import { fillRoute, pageRoutes } from '../helpers/routes.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { inspectHtml, isFormula, jsonStrings, visible, XSS_PAYLOADS } from '../helpers/xss.ts';

/**
 * Issue 14, security suite: injection payloads stored through the real API into every user-writable text
 * field, then every page, JSON-LD block, feed, WhatsApp text, PDF and spreadsheet that shows them is read
 * back from the real built server. Nothing may turn into markup, script or a formula, and the text must be
 * shown as the data it is. `npm test` runs ROUNDS small (each field gets a few payloads); `npm run test:full`
 * runs one round per payload, so every payload goes through every field.
 */
const ROUNDS = count(2, XSS_PAYLOADS.length);

/**
 * Free-text fields of the API's request bodies (from the zod schemas in the route table) and how this test
 * covers each: `covered` fields get payloads; the others say why not (their text is never shown, or it is
 * the same stored value through another door).
 */
const COVERED = new Set([
  'updateShop name',
  'updateShop description',
  'updateShop address',
  'updateShop profile.hoursNote',
  'updateShop profile.delivery.pickup.note',
  'createProduct name',
  'createProduct description',
  'createProduct category',
  'createProduct unit',
  'createProduct netContent',
  'createProduct variants[].name',
  'createOrder customerName',
  'createOrder address',
  'createOrder notes',
  'recordQuickSale customerName',
  'recordQuickSale notes',
  'recordExpense memo',
  'recordExpense partyName',
  'recordCreditPurchase supplierName',
  'recordCreditPurchase memo',
  'createTraining title',
  'createTraining cohort',
  'createTraining notes',
  'createSurvey title',
  'createSurvey questions[].textId',
  'createSurvey questions[].textEn',
  'registryFacts ownerName',
  'registryFacts trainingCohort',
  'updateShop profile.social.facebook',
  'updateShop profile.social.instagram',
  'updateShop profile.social.tiktok',
  'updateShop profile.social.website',
  'updateShop profile.delivery.local.area',
  'updateShop profile.delivery.courier.note',
  'orderTransition note',
  'recordOrderReturn reason',
  'saveImportColumnMapping name',
  'saveImportColumnMapping columns.commissionFee',
  'saveImportColumnMapping columns.lineTotal',
  'saveImportColumnMapping columns.name',
  'saveImportColumnMapping columns.quantity',
  'saveImportColumnMapping columns.releasedAmount',
  'saveImportColumnMapping columns.returnStatus',
  'saveImportColumnMapping columns.serviceFee',
  'saveImportColumnMapping columns.status',
  'saveImportColumnMapping columns.transactionFee',
  'saveImportColumnMapping columns.unitPrice',
  'saveImportColumnMapping columns.variation',
  'recordMarketplacePayout memo',
  'recordStockIn source.supplierName',
  'reverseEntry memo',
  'recordEquipmentPurchase name',
  'addAccount nameId',
  'addAccount nameEn',
  'setOpeningBalances receivables[].name',
  'setOpeningBalances payables[].name',
  'saveDesign name',
  'saveDesign note',
  'saveLabelFacts netWeight',
  'saveLabelFacts composition',
  'saveLabelFacts producerName',
  'saveLabelFacts producerAddress',
  'saveLabelFacts registrationNumber',
  'saveLabelFacts productionCode',
  'saveBrandKit tagline',
  'programLocalArea name',
  'addLicence number',
  'programBaseline method',
  'signUp name',
]);
const SAME_FIELD_ELSEWHERE: Record<string, string> = {
  'createShop name': 'updateShop name',
  'createShop description': 'updateShop description',
  'createShop address': 'updateShop address',
  'updateProduct name': 'createProduct name',
  'updateTraining title': 'createTraining title',
  'updateTraining cohort': 'createTraining cohort',
  'updateTraining notes': 'createTraining notes',
  'updateProduct description': 'createProduct description',
  'updateProduct category': 'createProduct category',
  'updateProduct unit': 'createProduct unit',
  'updateProduct netContent': 'createProduct netContent',
  'updateProduct variants[].name': 'createProduct variants[].name',
  'syncDeviceChanges changes[].sale.customerName': 'recordQuickSale customerName',
  'syncDeviceChanges changes[].sale.notes': 'recordQuickSale notes',
  'syncDeviceChanges changes[].expense.memo': 'recordExpense memo',
  'syncDeviceChanges changes[].expense.partyName': 'recordExpense partyName',
  'recordCapital memo': 'recordExpense memo',
  'recordDrawing memo': 'recordExpense memo',
  'recordEquipmentPurchase memo': 'recordExpense memo',
  'recordEquipmentPurchase supplierName': 'recordCreditPurchase supplierName',
  'registerShop name': 'updateShop name',
  'registerShop address': 'updateShop address',
  'registerShop ownerName': 'registryFacts ownerName',
  'registerShop trainingCohort': 'registryFacts trainingCohort',
  'shopBaseline method': 'programBaseline method',
  'createDesign name': 'saveDesign name',
};
/** Identifiers, codes and secrets: checked against a pattern or a lookup, never shown as free text. */
const NOT_SHOWN = new Set([
  'createOrder destination',
  'createOrder items[].product',
  'recordAttendance shopIds[]',
  'signIn identifier',
  'syncDeviceChanges changes[].baseVersion',
  'syncDeviceChanges changes[].code',
  'syncDeviceChanges changes[].kind',
  'syncDeviceChanges changes[].sale.idempotencyKey',
  'syncDeviceChanges changes[].expense.idempotencyKey',
  'addAccount code',
  'addLicence expiresOn',
  'addLicence issuedOn',
  'recordStockIn source.kind',
  'registerShop kbli',
  'registerShop nib',
  'registerShop ovopStar',
  'registryFacts kbli',
  'registryFacts nib',
  'registryFacts ovopStar',
  'saveBrandKit bodyFont',
  'saveBrandKit headingFont',
  'saveCertifications halalNumber',
  'saveCertifications nib',
  'setTaxpayerKind kind',
]);
/** Not yet given payloads by this suite (named in docs/security.md as open). */
const NOT_YET = new Set<string>([]);

/** Ids (but not textId/nameId, the Indonesian text), SKUs, keys, phones, e-mails, passwords, dates and times. */
const IDENTIFIER = /(^|\.)(id|\w*(?<!text|name)Id|sku|key)$|phone|whatsapp|email|password|date|slug|\.(open|close)$/i;

/** Free-text string leaves (a max length, no pattern or format) of every route body, as "route path". */
function freeTextFields(): string[] {
  const out: string[] = [];
  const walk = (s: Record<string, unknown> | undefined, p: string, route: string) => {
    if (!s || typeof s !== 'object') return;
    if (s.type === 'string' && !s.pattern && !s.format && !s.enum && !IDENTIFIER.test(p)) out.push(`${route} ${p}`);
    for (const [k, v] of Object.entries((s.properties as Record<string, Record<string, unknown>>) ?? {}))
      walk(v, p ? `${p}.${k}` : k, route);
    if (s.items) walk(s.items as Record<string, unknown>, `${p}[]`, route);
    for (const k of ['anyOf', 'oneOf', 'allOf']) for (const v of (s[k] as Record<string, unknown>[]) ?? []) walk(v, p, route);
  };
  for (const [name, r] of Object.entries(ROUTES as Record<string, { body?: z.ZodType; method: string }>)) {
    if (!r.body) continue;
    walk(z.toJSONSchema(r.body, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>, '', name);
  }
  return [...new Set(out)].sort();
}

const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Makassar' }).format(new Date());

let server: TestServer;
let anon: Client;
let owner: Client;
let officer: Client;
let ownerEn: Client;
let shop: { id: string; village_id: string; village_slug: string; district_slug: string };
const runId = Date.now().toString(36);
let programId = '';

interface Stored {
  round: number;
  designId: string;
  account: string;
  reminder: { url: string; text: string };
  newcomer: Client;
  returnCode: string;
  /** field -> the exact value sent. */
  values: Map<string, string>;
  productId: string;
  variantId: string;
  productSlug: string;
  orderCode: string;
  orderToken: string;
  whatsappUrl: string;
  trainingId: string;
  surveyToken: string;
}
const rounds: Stored[] = [];

/** Payload first (a formula must start the cell to be one), then a tag that says which field and round it is. */
function valueFor(field: string, round: number, i: number, max: number, min = 1): string {
  const tag = `q${round}f${i}z`;
  const payload = XSS_PAYLOADS[(i + round) % XSS_PAYLOADS.length]!;
  const v = `${payload} ${tag}`;
  if (v.length <= max) return v.length >= min ? v : `${v} ..`;
  return `${payload.slice(0, max - tag.length - 1)} ${tag}`;
}
const tagOf = (v: string) => /q\d+f\d+z$/.exec(v)![0];

async function ok(r: Response | Promise<Response>, what: string, status: number[] = [200, 201, 204]) {
  const res = await r;
  if (!status.includes(res.status)) throw new Error(`${what}: ${res.status} ${(await res.text()).slice(0, 400)}`);
  return res;
}

async function storeRound(round: number): Promise<Stored> {
  const values = new Map<string, string>();
  let i = 0;
  const v = (field: string, max: number, min = 1) => {
    const s = valueFor(field, round, i++, max, min);
    values.set(field, s);
    return s;
  };
  await ok(
    owner.request('/api/v1/shops/hk05', {
      method: 'PATCH',
      json: {
        name: v('updateShop name', 80, 2),
        description: v('updateShop description', 2000),
        address: v('updateShop address', 300),
        profile: {
          hoursNote: v('updateShop profile.hoursNote', 300),
          delivery: {
            pickup: { enabled: true, note: v('updateShop profile.delivery.pickup.note', 200) },
            local: { enabled: true, fee: 5000, area: v('updateShop profile.delivery.local.area', 200) },
            courier: { enabled: true, note: v('updateShop profile.delivery.courier.note', 200) },
          },
        },
      },
    }),
    'shop',
  );
  const product = (await (
    await ok(
      owner.post('/api/v1/shops/hk05/products', {
        name: v('createProduct name', 120, 2),
        description: v('createProduct description', 5000),
        category: v('createProduct category', 60),
        unit: v('createProduct unit', 20),
        netContent: v('createProduct netContent', 60),
        price: 15000,
        status: 'published',
        variants: [{ name: v('createProduct variants[].name', 60), price: 15000 }],
      }),
      'product',
    )
  ).json()) as { product: { id: string; slug: string; variants: { id: string }[] } };
  // A photo, so the product goes into the feeds (an item without an image is left out).
  const sharp = (await import('sharp')).default;
  const jpg = await sharp({ create: { width: 32, height: 32, channels: 3, background: '#884422' } })
    .jpeg()
    .toBuffer();
  await ok(
    owner.request(`/api/v1/shops/hk05/products/${product.product.id}/photos`, { method: 'POST', body: multipart({}, [{ data: jpg }]) }),
    'photo',
  );
  const order = (await (
    await ok(
      anon.post('/api/v1/shops/hk05/orders', {
        items: [{ productId: product.product.id, variantId: product.product.variants[0]!.id, quantity: 1 }],
        customerName: v('createOrder customerName', 80),
        customerPhone: '0812 0000 3333',
        delivery: 'pickup',
        address: v('createOrder address', 300),
        notes: v('createOrder notes', 500),
        payment: 'whatsapp',
      }),
      'order',
    )
  ).json()) as { code: string; statusUrl: string; whatsappUrl: string };
  await ok(
    owner.post('/api/v1/shops/hk05/quick-sales', {
      channel: 'stall',
      items: [{ productId: product.product.id, variantId: product.product.variants[0]!.id, quantity: 1 }],
      payment: 'credit',
      dueDate: today,
      customerName: v('recordQuickSale customerName', 80),
      notes: v('recordQuickSale notes', 500),
      idempotencyKey: `xss-sale-${round}`,
    }),
    'quick sale',
  );
  await ok(
    owner.post('/api/v1/shops/hk05/cash-book/expenses', {
      account: '5302',
      amount: 1000 + round,
      paidWith: 'cash',
      date: today,
      memo: v('recordExpense memo', 200),
      partyName: v('recordExpense partyName', 80),
      idempotencyKey: `xss-exp-${round}`,
    }),
    'expense',
  );
  await ok(
    owner.post('/api/v1/shops/hk05/cash-book/credit-purchases', {
      account: '5302',
      amount: 2000 + round,
      supplierName: v('recordCreditPurchase supplierName', 80),
      dueDate: today,
      date: today,
      memo: v('recordCreditPurchase memo', 200),
      idempotencyKey: `xss-credit-${round}`,
    }),
    'credit purchase',
  );
  const training = (await (
    await ok(
      officer.post('/api/v1/program/trainings', {
        programId,
        title: v('createTraining title', 120),
        heldOn: today,
        cohort: v('createTraining cohort', 60),
        notes: v('createTraining notes', 1000),
      }),
      'training',
    )
  ).json()) as { id: string };
  const attendance = (await (
    await ok(
      officer.request(`/api/v1/program/trainings/${training.id}/attendance`, { method: 'PUT', json: { shopIds: [shop.id] } }),
      'attendance',
    )
  ).json()) as { attendees: { id: string }[] };
  const survey = (await (
    await ok(
      officer.post(`/api/v1/program/trainings/${training.id}/surveys`, {
        kind: 'pre',
        title: v('createSurvey title', 120),
        questions: [
          {
            kind: 'likert',
            key: 'q1',
            textId: v('createSurvey questions[].textId', 300),
            textEn: v('createSurvey questions[].textEn', 300),
          },
        ],
      }),
      'survey',
    )
  ).json()) as { id: string };
  const link = (await (
    await ok(officer.post(`/api/v1/program/surveys/${survey.id}/links`, { attendeeId: attendance.attendees[0]!.id }), 'survey link')
  ).json()) as { url: string };
  await ok(
    officer.request(`/api/v1/program/${programId}/shops/${shop.id}/registry`, {
      method: 'PUT',
      json: { ownerName: v('registryFacts ownerName', 120), trainingCohort: v('registryFacts trainingCohort', 80) },
    }),
    'registry',
  );
  const more = await storeBooksBrandProgram(round, v, values, product.product, order.code);
  const last = (u: string) => new URL(u, server.url).pathname.split('/').pop()!;
  return {
    ...more,
    round,
    values,
    productId: product.product.id,
    variantId: product.product.variants[0]!.id,
    productSlug: product.product.slug,
    orderCode: order.code,
    orderToken: last(order.statusUrl),
    whatsappUrl: order.whatsappUrl,
    trainingId: training.id,
    surveyToken: last(link.url),
  };
}

type Put = (field: string, max: number, min?: number) => string;

/** Books, brand studio, program office and sign-up fields of a round; returns what the checks need to find them. */
async function storeBooksBrandProgram(
  round: number,
  v: Put,
  values: Map<string, string>,
  product: { id: string; variants: { id: string }[] },
  orderCode: string,
) {
  const key = (k: string) => `xss-${k}-${round}-${runId}`;
  const json = async <T>(r: Response | Promise<Response>, what: string) => (await (await ok(r, what)).json()) as T;
  // Orders: a cancellation with a note (the timeline and the customer update show it), a return with a reason.
  await ok(
    owner.post(`/api/v1/shops/hk05/orders/${orderCode}/transitions`, {
      to: 'cancelled',
      reason: 'other',
      note: v('orderTransition note', 200),
    }),
    'cancel',
  );
  const sold = await json<{ code: string }>(
    owner.post('/api/v1/shops/hk05/quick-sales', {
      channel: 'stall',
      payment: 'cash',
      items: [{ productId: product.id, variantId: product.variants[0]!.id, quantity: 1 }],
      idempotencyKey: key('return-sale'),
    }),
    'sale to return',
  );
  await ok(
    owner.post(`/api/v1/shops/hk05/orders/${sold.code}/returns`, {
      reason: v('recordOrderReturn reason', 300),
      idempotencyKey: key('return'),
    }),
    'return',
  );
  // Books.
  const columns = Object.fromEntries(
    [
      'name',
      'variation',
      'quantity',
      'unitPrice',
      'lineTotal',
      'status',
      'commissionFee',
      'serviceFee',
      'transactionFee',
      'returnStatus',
      'releasedAmount',
    ].map((c) => [c, v(`saveImportColumnMapping columns.${c}`, 120)]),
  );
  await ok(
    owner.request('/api/v1/shops/hk05/import-mappings', {
      method: 'PUT',
      json: { name: v('saveImportColumnMapping name', 60), columns: { orderId: 'No', ...columns } },
    }),
    'import mapping',
  );
  await ok(
    owner.post('/api/v1/shops/hk05/marketplace-payouts', {
      marketplace: 'shopee',
      amount: 3000 + round,
      memo: v('recordMarketplacePayout memo', 200),
      idempotencyKey: key('payout'),
    }),
    'payout',
  );
  await ok(
    owner.post('/api/v1/shops/hk05/stock-ins', {
      productId: product.id,
      variantId: product.variants[0]!.id,
      quantity: 2,
      source: {
        kind: 'purchase',
        cost: 4000 + round,
        paidWith: 'credit',
        supplierName: v('recordStockIn source.supplierName', 80),
        dueDate: today,
      },
      idempotencyKey: key('stock-in'),
    }),
    'stock in',
  );
  const wrong = await json<{ entryId: string }>(
    owner.post('/api/v1/shops/hk05/cash-book/expenses', {
      account: '5302',
      amount: 700 + round,
      paidWith: 'cash',
      date: today,
      memo: `salah catat ${round}`,
      idempotencyKey: key('to-reverse'),
    }),
    'expense to reverse',
  );
  await ok(owner.post(`/api/v1/shops/hk05/journal-entries/${wrong.entryId}/reversal`, { memo: v('reverseEntry memo', 200) }), 'reversal');
  await ok(
    owner.post('/api/v1/shops/hk05/cash-book/equipment', {
      name: v('recordEquipmentPurchase name', 80),
      cost: 240_000,
      lifeMonths: 24,
      paidWith: 'cash',
      date: today,
      idempotencyKey: key('equipment'),
    }),
    'equipment',
  );
  const account = String(5810 + round);
  await ok(
    owner.post('/api/v1/shops/hk05/accounts', {
      code: account,
      type: 'expense',
      nameId: v('addAccount nameId', 80),
      nameEn: v('addAccount nameEn', 80),
    }),
    'account',
  );
  await ok(
    owner.post('/api/v1/shops/hk05/cash-book/expenses', {
      account,
      amount: 900 + round,
      paidWith: 'cash',
      date: today,
      memo: `akun baru ${round}`,
      idempotencyKey: key('own-account'),
    }),
    'expense on the new account',
  );
  await ok(
    owner.request('/api/v1/shops/hk05/opening-balances', {
      method: 'PUT',
      json: {
        cash: 100_000,
        receivables: [
          { name: v('setOpeningBalances receivables[].name', 80), phone: '081200005555', amount: 20_000 + round, dueDate: today },
        ],
        payables: [{ name: v('setOpeningBalances payables[].name', 80), phone: null, amount: 10_000 + round, dueDate: null }],
        idempotencyKey: key('opening'),
      },
    }),
    'opening balances',
  );
  const debts = await json<{ debts: { id: string; partyName: string }[] }>(owner.get('/api/v1/shops/hk05/debts?kind=receivable'), 'debts');
  const owed = debts.debts.find((d) => d.partyName === values.get('setOpeningBalances receivables[].name')!.replace(/\0/g, '').trim());
  if (!owed) throw new Error(`opening receivable not listed: ${JSON.stringify(debts.debts.map((d) => d.partyName))}`);
  const reminder = await json<{ url: string; text: string }>(owner.get(`/api/v1/shops/hk05/debts/${owed.id}/reminder`), 'reminder');
  // Brand studio: a label design bound to the product, saved again under a new name with a version note.
  const design = await json<{ id: string }>(
    owner.post('/api/v1/shops/hk05/designs', {
      kind: 'label',
      name: v('createDesign name', 80),
      templateId: 'telur-asin',
      productId: product.id,
    }),
    'design',
  );
  const got = await json<{ doc: unknown }>(owner.get(`/api/v1/shops/hk05/designs/${design.id}`), 'get design');
  await ok(
    owner.request(`/api/v1/shops/hk05/designs/${design.id}`, {
      method: 'PUT',
      json: { doc: got.doc, name: v('saveDesign name', 80), note: v('saveDesign note', 120) },
    }),
    'save design',
  );
  // A P-IRT number must hold 15 to 20 digits: the payload, then digits up to 16 of them.
  const reg = v('saveLabelFacts registrationNumber', 23);
  const regNumber = `${reg} ${'2'.repeat(Math.max(0, 16 - (reg.match(/\d/g) ?? []).length))}`;
  values.set('saveLabelFacts registrationNumber', regNumber);
  await ok(
    owner.request(`/api/v1/shops/hk05/label-facts/${product.id}`, {
      method: 'PUT',
      json: {
        netWeight: v('saveLabelFacts netWeight', 80),
        composition: v('saveLabelFacts composition', 600),
        producerName: v('saveLabelFacts producerName', 120),
        producerAddress: v('saveLabelFacts producerAddress', 240),
        registrationKind: 'pirt',
        registrationNumber: regNumber,
        productionCode: v('saveLabelFacts productionCode', 40),
        expiryDate: '2099-03-31',
      },
    }),
    'label facts',
  );
  await ok(
    owner.request('/api/v1/shops/hk05/brand-kit', { method: 'PUT', json: { tagline: v('saveBrandKit tagline', 120) } }),
    'brand kit',
  );
  await ok(owner.request('/api/v1/shops/hk05/brand-kit/publish', { method: 'POST' }), 'publish brand');
  // Program office.
  await ok(
    officer.post(`/api/v1/program/${programId}/areas/local`, { name: v('programLocalArea name', 80, 2), parentVillageId: shop.village_id }),
    'local area',
  );
  await ok(
    officer.post(`/api/v1/program/${programId}/shops/${shop.id}/licences`, { kind: 'merek', number: v('addLicence number', 60, 3) }),
    'licence',
  );
  await ok(
    officer.request(`/api/v1/program/${programId}/shops/${shop.id}/baselines`, {
      method: 'PUT',
      json: { month: today.slice(0, 7), salesRupiah: 500_000 + round, method: v('programBaseline method', 300, 3) },
    }),
    'baseline',
  );
  // A new account's name, shown to that account.
  const newcomer = new Client(server.url);
  await ok(
    newcomer.post('/api/v1/users', {
      name: v('signUp name', 100),
      email: `xss-${round}-${runId}@daftar.test`,
      password: 'rahasia-panjang-123',
    }),
    'sign up',
  );
  return { designId: design.id, account, reminder, newcomer, returnCode: sold.code };
}

/** Which stored fields each page must show (so the check is not vacuous: the text is there, as text). */
const SHOWN: Record<string, string[]> = {
  '/[shop]': [
    'updateShop name',
    'updateShop description',
    'createProduct name',
    'updateShop profile.delivery.local.area',
    'updateShop profile.delivery.courier.note',
    'saveBrandKit tagline',
  ],
  '/[shop]/p/[product]': ['updateShop name', 'createProduct name', 'createProduct description'],
  '/[shop]/pesanan/[code]/[token]': ['createOrder customerName', 'createProduct name'],
  '/dashboard/[shop]/pesanan/[code]': ['createOrder customerName', 'createOrder address', 'createOrder notes', 'orderTransition note'],
  '/dashboard/[shop]/produk/[id]': [
    'createProduct name',
    'createProduct description',
    'createProduct category',
    'createProduct variants[].name',
  ],
  '/dashboard/[shop]/kas': ['recordExpense memo', 'recordCreditPurchase supplierName', 'recordEquipmentPurchase name', 'addAccount nameId'],
  '/dashboard/[shop]/piutang': [
    'recordQuickSale customerName',
    'recordCreditPurchase supplierName',
    'recordStockIn source.supplierName',
    'setOpeningBalances receivables[].name',
    'setOpeningBalances payables[].name',
  ],
  '/dashboard/[shop]/saldo-awal': ['setOpeningBalances receivables[].name', 'setOpeningBalances payables[].name'],
  '/dashboard/[shop]/jurnal': [
    'recordOrderReturn reason',
    'recordMarketplacePayout memo',
    'reverseEntry memo',
    'recordEquipmentPurchase name',
    'addAccount nameId',
  ],
  '/dashboard/[shop]/laporan': ['reverseEntry memo', 'addAccount nameId'],
  '/dashboard/[shop]/akun': ['addAccount nameId'],
  'en /dashboard/[shop]/akun': ['addAccount nameEn'],
  '/dashboard/[shop]/impor': ['saveImportColumnMapping name'],
  '/dashboard/[shop]/brand': ['saveDesign name', 'saveBrandKit tagline'],
  '/dashboard/[shop]/pengaturan': [
    'updateShop name',
    'updateShop description',
    'updateShop address',
    'updateShop profile.delivery.local.area',
    'updateShop profile.delivery.courier.note',
    'programLocalArea name',
  ],
  '/program/toko': ['registryFacts ownerName', 'programLocalArea name'],
  'newcomer /akun': ['signUp name'],
  '/program/pelatihan/[training]': ['createTraining title', 'createTraining notes'],
  '/program/toko/[shopId]': ['updateShop name', 'registryFacts ownerName', 'addLicence number', 'programBaseline method'],
  '/survei/[token]': ['createSurvey title', 'createSurvey questions[].textId'],
};
const persona = (p: string): 'anon' | 'owner' | 'officer' =>
  p.startsWith('/program') ? 'officer' : p.startsWith('/dashboard') || p === '/akun' ? 'owner' : 'anon';
/** Pages with no stored user text to show, or that need a token this test does not make. */
const SKIPPED = [
  '/403',
  '/404',
  '/413',
  '/500',
  '/503',
  '/reset/[token]',
  '/undangan/[shopId]/[token]',
  '/[shop]/keranjang',
  '/[shop]/checkout',
];

const pages: { pattern: string; url: string; status: number; html: string; round: number }[] = [];
const files: { name: string; round: number; body: Buffer; type: string }[] = [];

beforeAll(async () => {
  server = await startServer();
  anon = new Client(server.url);
  owner = new Client(server.url);
  officer = new Client(server.url);
  ownerEn = new Client(server.url, { lang: 'en' });
  await ownerEn.signIn('pemilik@hk05.test', DEMO_PASSWORD);
  await owner.signIn('pemilik@hk05.test', DEMO_PASSWORD);
  await officer.signIn('pendamping@gowa.test', DEMO_PASSWORD);
  shop = ((await (await owner.get('/api/v1/shops/hk05')).json()) as { shop: typeof shop }).shop;
  const trainings = (await (await officer.get('/api/v1/program/trainings')).json()) as { trainings: { id: string; programId: string }[] };
  programId = trainings.trainings[0]!.programId;
  for (let r = 0; r < ROUNDS; r++) {
    const s = await storeRound(r);
    rounds.push(s);
    const samples = {
      shop: 'hk05',
      shopId: shop.id,
      id: s.productId,
      product: s.productSlug,
      code: s.orderCode,
      token: s.orderToken,
      village: shop.village_slug,
      district: shop.district_slug,
      training: s.trainingId,
    };
    const clients = { anon, owner, officer };
    for (const pattern of pageRoutes('')) {
      if (SKIPPED.includes(pattern)) continue;
      const url = fillRoute(pattern, { ...samples, token: pattern.startsWith('/survei') ? s.surveyToken : s.orderToken });
      const res = await clients[persona(pattern)].get(url);
      pages.push({ pattern, url, status: res.status, html: await res.text(), round: r });
    }
    const get = async (name: string, c: Client, url: string) => {
      const res = await ok(c.get(url), name, [200]);
      files.push({ name, round: r, body: Buffer.from(await res.arrayBuffer()), type: res.headers.get('content-type') ?? '' });
    };
    await get('google feed', anon, '/hk05/feed/google.xml');
    await get('meta feed', anon, '/hk05/feed/meta.csv');
    await get('receipt pdf', owner, `/api/v1/shops/hk05/orders/${s.orderCode}/receipt`);
    for (const format of ['csv', 'xlsx', 'pdf']) {
      await get(
        `general ledger ${format}`,
        owner,
        `/api/v1/shops/hk05/reports/general-ledger/file?format=${format}&from=${today}&to=${today}&account=5302`,
      );
      await get(
        `own account ledger ${format}`,
        owner,
        `/api/v1/shops/hk05/reports/general-ledger/file?format=${format}&from=${today}&to=${today}&account=${s.account}`,
      );
      await get(`profit-loss ${format}`, owner, `/api/v1/shops/hk05/reports/profit-loss/file?format=${format}&from=${today}&to=${today}`);
      await get(`trial balance ${format}`, owner, `/api/v1/shops/hk05/reports/trial-balance/file?format=${format}&asOf=${today}`);
      await get(`program report ${format}`, officer, `/api/v1/program/report?kind=report&format=${format}`);
      await get(`program shops ${format}`, officer, `/api/v1/program/report?kind=shops&format=${format}`);
    }
    await get('receipt pdf (return)', owner, `/api/v1/shops/hk05/orders/${s.returnCode}/receipt`);
    await get('label pdf', owner, `/api/v1/shops/hk05/designs/${s.designId}/export?format=pdf`);
    await get('label sheet', owner, `/api/v1/shops/hk05/designs/${s.designId}/export?format=sheet`);
    for (const [name, url] of [
      ['journal json', `/api/v1/shops/hk05/journal-entries?from=${today}&to=${today}`],
      ['receivables json', '/api/v1/shops/hk05/debts?kind=receivable'],
      ['payables json', '/api/v1/shops/hk05/debts?kind=payable'],
      ['accounts json', '/api/v1/shops/hk05/accounts'],
      ['notes json', `/api/v1/shops/hk05/reports/notes?asOf=${today}`],
      ['sales json', `/api/v1/shops/hk05/reports/sales?from=${today}&to=${today}`],
      ['label facts json', '/api/v1/shops/hk05/label-facts'],
      ['design versions json', `/api/v1/shops/hk05/designs/${s.designId}/versions`],
      ['import mappings json', '/api/v1/shops/hk05/import-mappings'],
      ['order json', `/api/v1/shops/hk05/orders/${s.orderCode}?token=${s.orderToken}`],
      ['brand kit json', '/api/v1/shops/hk05/brand-kit'],
    ] as const)
      await get(name, owner, url);
    for (const [name, url] of [['program shop json', `/api/v1/program/${programId}/shops/${shop.id}`]] as const)
      await get(name, officer, url);
    await get('session json', s.newcomer, '/api/v1/session');
    for (const pattern of ['/dashboard/[shop]/akun', '/dashboard/[shop]/jurnal', '/dashboard/[shop]/laporan']) {
      const url = fillRoute(pattern, samples);
      const res = await ownerEn.get(url);
      pages.push({ pattern: `en ${pattern}`, url, status: res.status, html: await res.text(), round: r });
    }
    await get('profit-loss pdf en', ownerEn, `/api/v1/shops/hk05/reports/profit-loss/file?format=pdf&from=${today}&to=${today}`);
    for (const url of ['/akun', '/dashboard']) {
      const res = await s.newcomer.get(url);
      pages.push({ pattern: `newcomer ${url}`, url, status: res.status, html: await res.text(), round: r });
    }
  }
}, 1_200_000);

afterAll(async () => {
  await server?.stop();
});

describe('the field list comes from the route table', () => {
  it('every free-text field of a request body is covered here, covered through another door, or listed as not yet', () => {
    const fields = freeTextFields();
    expect(fields.length).toBeGreaterThan(40);
    const unaccounted = fields.filter((f) => !COVERED.has(f) && !(f in SAME_FIELD_ELSEWHERE) && !NOT_YET.has(f) && !NOT_SHOWN.has(f));
    expect(unaccounted).toEqual([]);
    // The lists name real fields only, so a renamed field cannot hide here.
    expect([...COVERED, ...Object.keys(SAME_FIELD_ELSEWHERE), ...NOT_YET, ...NOT_SHOWN].filter((f) => !fields.includes(f))).toEqual([]);
  });
});

describe('pages: payloads are text, never markup', () => {
  it('every page was fetched for every round without a server error', () => {
    expect(pages.length).toBeGreaterThan(30 * ROUNDS);
    expect(pages.filter((p) => p.status >= 500).map((p) => `${p.url} ${p.status}`)).toEqual([]);
    expect(pages.filter((p) => p.status !== 200).map((p) => `${p.url} ${p.status}`)).toEqual([]);
  });

  it('no page holds an injected element, attribute, script or URL, and JSON-LD parses', () => {
    const found = pages.flatMap((p) => inspectHtml(p.html).problems.map((x) => `${p.url}: ${x}`));
    expect(found).toEqual([]);
  });

  it('the pages that show a field show its whole value as text', () => {
    const missing: string[] = [];
    for (const p of pages) {
      const fields = SHOWN[p.pattern];
      if (!fields) continue;
      const { text } = inspectHtml(p.html);
      for (const f of fields) {
        const value = rounds[p.round]!.values.get(f)!;
        if (!text.includes(visible(value))) missing.push(`${p.url}: ${f} = ${JSON.stringify(value)}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('JSON-LD carries the names as data: the product and shop names decode to exactly what was stored', () => {
    for (const p of pages.filter((x) => x.pattern === '/[shop]/p/[product]' || x.pattern === '/[shop]')) {
      const strings = jsonStrings(inspectHtml(p.html).jsonLd).map(visible);
      const vals = rounds[p.round]!.values;
      expect(strings, p.url).toContain(visible(vals.get('updateShop name')!));
      if (p.pattern === '/[shop]/p/[product]')
        expect(
          strings.some((s) => s.includes(visible(vals.get('createProduct name')!))),
          p.url,
        ).toBe(true);
      expect(p.html.match(/<script type="application\/ld\+json">[\s\S]*?<\/script>/g)?.join('') ?? '').not.toMatch(/<(?!script|\/script)/);
    }
  });
});

describe('a NUL character (U+0000), which PostgreSQL text cannot hold', () => {
  it('is dropped from JSON bodies, forms and queries on both databases: stored without it, never a 500', async () => {
    const p = await owner.post('/api/v1/shops/hk05/products', { name: 'Nol\u0000Produk', price: 1000, status: 'published' });
    expect(p.status, await p.clone().text()).toBe(201);
    const product = ((await p.json()) as { product: { id: string; name: string; variants: { id: string }[] } }).product;
    expect(product.name).toBe('NolProduk');
    const o = await anon.post('/api/v1/shops/hk05/orders', {
      items: [{ productId: product.id, quantity: 1 }],
      customerName: 'Pem\u0000beli',
      customerPhone: '0812 0000 6666',
      delivery: 'pickup',
      notes: '\u0000',
      payment: 'whatsapp',
    });
    expect(o.status, await o.clone().text()).toBe(201);
    const form = {
      action: 'expense',
      account: '5302',
      amount: '1.000',
      paidWith: 'cash',
      date: '',
      memo: 'nota\u0000nol',
      idempotencyKey: 'nul-kas-0001',
    };
    const kas = await owner.form('/dashboard/hk05/kas', form);
    expect(kas.status, (await kas.text()).match(/<p[^>]*(?:error|alert)[^>]*>[^<]*/g)?.join(' | ')).toBe(303);
    expect(await (await owner.get('/dashboard/hk05/kas')).text()).toContain('notanol');
    // Every page again, with a NUL in each query parameter the pages read.
    // One parameter at a time: a bad one would otherwise stop the page before it reads the next.
    const params = ['q', 'status', 'channel', 'from', 'to', 'asOf', 'before', 'month', 'kategori', 'account', 'village', 'district', 'tab'];
    const clients = { anon, owner, officer };
    const failed: string[] = [];
    for (const p of pages.filter((x) => x.round === 0))
      for (const k of params) {
        const url = `${p.url}${p.url.includes('?') ? '&' : '?'}${k}=a%00b`;
        const r = await clients[persona(p.pattern)].get(url);
        if (r.status >= 500) failed.push(`${url}: ${r.status}`);
      }
    for (const url of ['/api/v1/shops/hk05/orders?q=%00', '/api/v1/shops/hk05/cash-book?before=%00', '/api/v1/shops/hk05/debts?status=%00'])
      if ((await owner.get(url)).status >= 500) failed.push(url);
    expect(failed).toEqual([]);
  });
});

describe('social links (URLs a page turns into links)', () => {
  it.each(['instagram', 'facebook', 'tiktok', 'website'])(
    '%s: a script URL or markup is refused; what is accepted renders as a safe link',
    async (kind) => {
      const tries = [
        'javascript:window.__xss=1',
        ' JaVaScRiPt:alert(1)',
        'data:text/html,<script>alert(1)</script>',
        'vbscript:msgbox(1)',
        '"><img src=x onerror=window.__xss=1>',
        'https://x.test/"><script>window.__xss=1</script>',
        'https://evil.test@facebook.com/x',
        '//evil.test/x',
        'tokoku',
      ];
      let accepted = 0;
      for (const t of tries) {
        const r = await owner.request('/api/v1/shops/hk05', { method: 'PATCH', json: { profile: { social: { [kind]: t } } } });
        expect([200, 400], `${t}: ${r.status}`).toContain(r.status);
        if (r.status !== 200) continue;
        accepted++;
        const html = await (await anon.get('/hk05')).text();
        expect(inspectHtml(html).problems, t).toEqual([]);
      }
      // The plain handle is accepted, so the page was really checked with a link on it.
      expect(accepted).toBeGreaterThan(0);
    },
  );
});

describe('feeds, WhatsApp, PDFs and spreadsheets', () => {
  const byName = (name: string) => files.filter((f) => f.name === name);

  it('the Google feed is well-formed XML and carries the product name and description as text', () => {
    for (const f of byName('google feed')) {
      const texts: string[] = [];
      const p = new SaxesParser({ xmlns: false });
      p.on('text', (t) => texts.push(t));
      p.on('cdata', (t) => texts.push(t));
      p.write(f.body.toString('utf8')).close();
      const all = visible(texts.join(' '));
      const vals = rounds[f.round]!.values;
      for (const k of ['createProduct name', 'createProduct description', 'createProduct category'])
        expect(
          // eslint-disable-next-line no-control-regex -- the characters XML 1.0 forbids, which the feed drops
          all.includes(visible(vals.get(k)!).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')),
          `${k} in the Google feed`,
        ).toBe(true);
    }
  });

  it('the Meta feed is CSV whose cells holding user text are never formulas', () => {
    for (const f of byName('meta feed')) {
      const rows = parseCsv(f.body.toString('utf8'), { bom: true, relax_column_count: false }) as string[][];
      expect(rows.length).toBeGreaterThan(1);
      const tagged = rows.flat().filter((c) => /q\d+f\d+z/.test(c));
      expect(tagged.length).toBeGreaterThan(0);
      expect(tagged.filter(isFormula)).toEqual([]);
    }
  });

  it('the WhatsApp order link is wa.me with one text parameter that decodes to the data, one line per template line', () => {
    for (const s of rounds) {
      const u = new URL(s.whatsappUrl);
      expect(u.protocol).toBe('https:');
      expect(u.hostname).toBe('wa.me');
      expect([...u.searchParams.keys()]).toEqual(['text']);
      const text = u.searchParams.get('text')!;
      for (const k of ['createOrder customerName', 'createProduct name', 'createProduct variants[].name'])
        expect(visible(text).includes(visible(s.values.get(k)!)), k).toBe(true);
      // Customer text cannot pose as the message's own lines: exactly one total, one status link, one name line.
      const lines = text.split('\n');
      expect(lines.filter((l) => /^Total: /.test(l))).toHaveLength(1);
      expect(lines.filter((l) => /^Status pesanan: /.test(l))).toHaveLength(1);
      expect(lines.filter((l) => /^Nama: /.test(l))).toHaveLength(1);
    }
  });

  it("a customer's note or address cannot add lines that pose as the WhatsApp message's own (total, status link, name)", async () => {
    const fake = 'Total: Rp 1\r\nStatus pesanan: https://evil.test/bayar\u2028Nama: Orang Lain\u2029Kode pesanan: XXXX';
    const r = await ok(
      anon.post('/api/v1/shops/hk05/orders', {
        items: [{ productId: rounds[0]!.productId, variantId: rounds[0]!.variantId, quantity: 1 }],
        customerName: 'Pembeli Uji',
        customerPhone: '0812 0000 4444',
        delivery: 'pickup',
        address: `Jl. Poros\n${fake}`,
        notes: `Tolong cepat\n${fake}`,
        payment: 'whatsapp',
      }),
      'order',
    );
    const text = new URL(((await r.json()) as { whatsappUrl: string }).whatsappUrl).searchParams.get('text')!;
    const lines = text.split('\n');
    for (const own of [/^Total: /, /^Status pesanan: /, /^Nama: /, /^Kode pesanan: /])
      expect(
        lines.filter((l) => own.test(l)),
        String(own),
      ).toHaveLength(1);
    // The customer's lines are all there, as indented continuation lines of their field.
    expect(lines.filter((l) => l.startsWith('    Total: Rp 1'))).toHaveLength(2);
    expect(lines.filter((l) => l.includes('https://evil.test/bayar'))).toHaveLength(2);
  });

  /** Which stored fields each PDF must show in its text layer. */
  const PDF_SHOWS: Record<string, string[]> = {
    'receipt pdf': ['createOrder customerName', 'createProduct name'],
    'receipt pdf (return)': ['createProduct name', 'createProduct variants[].name'],
    'general ledger pdf': ['recordExpense memo', 'reverseEntry memo'],
    'own account ledger pdf': ['addAccount nameId'],
    'profit-loss pdf': ['addAccount nameId'],
    'profit-loss pdf en': ['addAccount nameEn'],
    'trial balance pdf': ['addAccount nameId'],
    // The shop table wraps names into narrow columns a few letters wide, so its text layer is checked only as valid.
    'program shops pdf': [],
    'program report pdf': [],
    // The label itself is drawn as outlines (no text layer: nothing in it can be markup); the sheet's caption is text.
    'label pdf': [],
    'label sheet': ['saveDesign name'],
  };
  /**
   * The value's characters, in order, just before its tag in the PDF's text. Blanks are ignored (lines wrap
   * anywhere) and a wrapped table cell may have the next columns' text between its lines, so the characters
   * need only be in order within a few times the value's length; an escaped `&lt;` or a dropped character fails.
   */
  const literallyIn = (text: string, value: string) => {
    const t = visible(text).replace(/\s/g, '');
    const v = visible(value).replace(/\s/g, '');
    if (t.includes(v)) return true;
    let at = t.indexOf(tagOf(value)) + tagOf(value).length;
    const end = at;
    for (let c = v.length - 1; c >= 0; c--) {
      at = t.lastIndexOf(v[c]!, at - 1);
      if (at < 0 || end - at > 4 * v.length + 200) return false;
    }
    return true;
  };
  it('PDFs (receipt, ledgers, statements, program report, label and sticker sheet) are valid and show the text literally', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'etalase-xss-pdf-'));
    try {
      const pdfs = files.filter((f) => f.name in PDF_SHOWS);
      expect(new Set(pdfs.map((f) => f.name)).size).toBe(Object.keys(PDF_SHOWS).length);
      for (const f of pdfs) {
        expect(f.body.subarray(0, 5).toString('latin1'), f.name).toBe('%PDF-');
        const file = path.join(dir, `${f.name.replace(/\W/g, '-')}-${f.round}.pdf`);
        fs.writeFileSync(file, f.body);
        expect(execFileSync('pdfinfo', [file], { encoding: 'utf8' })).toMatch(/Pages:\s+[1-9]/);
        // -raw: in its default mode pdftotext joins a line ending in '-' to the next, dropping the '-'.
        const text = execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
        for (const k of PDF_SHOWS[f.name]!) {
          const value = rounds[f.round]!.values.get(k)!;
          expect(text, `${f.name}: ${k}`).toContain(tagOf(value));
          // Printable ASCII survives a PDF's text layer exactly (lines may wrap anywhere, so blanks are ignored);
          // other characters may be re-encoded by the font.
          if (/^[\x20-\x7e]*$/.test(value)) expect(literallyIn(text, value), `${f.name}: ${k} = ${value}`).toBe(true);
        }
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('every CSV and XLSX download (ledgers, statements, program report and shop table): user text is never a formula', async () => {
    const mustHoldUserText = ['general ledger', 'own account ledger', 'profit-loss', 'trial balance', 'program shops'];
    const sheets = files.filter((f) => f.type.startsWith('text/csv') || f.type.includes('spreadsheetml'));
    expect(sheets.length).toBe(ROUNDS * 12 + ROUNDS /* meta feed */);
    for (const f of sheets.filter((x) => x.type.startsWith('text/csv'))) {
      const cells = (parseCsv(f.body.toString('utf8'), { bom: true, relax_column_count: true }) as string[][]).flat();
      const tagged = cells.filter((c) => /q\d+f\d+z/.test(c));
      // The ledger CSV of the new account names it only in the file name; its rows hold no stored text.
      if (mustHoldUserText.some((n) => f.name.startsWith(n)) && f.name !== 'own account ledger csv')
        expect(tagged.length, f.name).toBeGreaterThan(0);
      expect(tagged.filter(isFormula), f.name).toEqual([]);
    }
    for (const f of sheets.filter((x) => x.type.includes('spreadsheetml'))) {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(f.body as unknown as ArrayBuffer);
      let tagged = 0;
      wb.eachSheet((ws) =>
        ws.eachRow((row) =>
          row.eachCell((cell) => {
            if (cell.formula) expect(String(cell.formula), f.name).not.toMatch(/q\d+f\d+z/);
            if (typeof cell.value === 'string' && /q\d+f\d+z/.test(cell.value)) {
              tagged++;
              expect(cell.type, f.name).toBe(ExcelJS.ValueType.String);
            }
          }),
        ),
      );
      if (mustHoldUserText.some((n) => f.name.startsWith(n))) expect(tagged, f.name).toBeGreaterThan(0);
    }
  });

  /** JSON answers carry the stored text as data (the brand studio and import screens render these with DOM text). */
  const JSON_SHOWS: Record<string, string[]> = {
    'import mappings json': [...COVERED].filter((f) => f.startsWith('saveImportColumnMapping')),
    'design versions json': ['saveDesign note'],
    'label facts json': [...COVERED].filter((f) => f.startsWith('saveLabelFacts')),
    'accounts json': ['addAccount nameId', 'addAccount nameEn'],
    'journal json': ['recordMarketplacePayout memo', 'reverseEntry memo', 'recordOrderReturn reason', 'recordEquipmentPurchase name'],
    'receivables json': ['setOpeningBalances receivables[].name'],
    'payables json': ['setOpeningBalances payables[].name', 'recordStockIn source.supplierName'],
    'brand kit json': ['saveBrandKit tagline'],
    'program shop json': ['addLicence number', 'programBaseline method'],
    'session json': ['signUp name'],
    'order json': ['createOrder customerName', 'createOrder notes'],
  };
  it('JSON answers are application/json and hold the stored text exactly as data', () => {
    for (const [name, fields] of Object.entries(JSON_SHOWS))
      for (const f of byName(name)) {
        expect(f.type, name).toMatch(/^application\/json/);
        const strings = jsonStrings(JSON.parse(f.body.toString('utf8'))).map(visible);
        for (const k of fields) {
          const value = visible(rounds[f.round]!.values.get(k)!);
          expect(
            strings.some((x) => x.includes(value)),
            `${name}: ${k} = ${value}`,
          ).toBe(true);
        }
      }
  });

  it("the WhatsApp debt reminder is one line of text on wa.me, whatever the debtor's name holds", () => {
    for (const s of rounds) {
      const u = new URL(s.reminder.url);
      expect([u.protocol, u.hostname, [...u.searchParams.keys()]]).toEqual(['https:', 'wa.me', ['text']]);
      const text = u.searchParams.get('text')!;
      expect(text).toBe(s.reminder.text);
      expect(text).not.toMatch(/[\r\n\u2028\u2029\0]/);
      expect(visible(text)).toContain(visible(s.values.get('setOpeningBalances receivables[].name')!));
    }
  });

  it('the general ledger as CSV and XLSX: user text is a plain string, never a formula', async () => {
    for (const f of byName('general ledger csv')) {
      const cells = (parseCsv(f.body.toString('utf8'), { bom: true, relax_column_count: true }) as string[][]).flat();
      const tagged = cells.filter((c) => /q\d+f\d+z/.test(c));
      expect(tagged.length).toBeGreaterThan(0);
      expect(tagged.filter(isFormula)).toEqual([]);
    }
    for (const f of byName('general ledger xlsx')) {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(f.body as unknown as ArrayBuffer);
      let tagged = 0;
      wb.eachSheet((ws) =>
        ws.eachRow((row) =>
          row.eachCell((cell) => {
            if (cell.formula) expect(String(cell.formula)).not.toMatch(/q\d+f\d+z/);
            if (typeof cell.value === 'string' && /q\d+f\d+z/.test(cell.value)) {
              tagged++;
              expect(cell.type).toBe(ExcelJS.ValueType.String);
            }
          }),
        ),
      );
      expect(tagged).toBeGreaterThan(0);
    }
  });
});
