import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import type { Client } from '../helpers/http.ts';
import { useBooksHttp } from '../helpers/books-http.ts';

let owner: Client;
let ownerEn: Client;
let staff: Client;
let other: Client;
let productId: string;
const API = '/api/v1/shops/hk05';
const dbName = process.env.DATABASE_URL ? 'postgres' : 'sqlite';
let n = 0;
const key = () => `ledger-http-${Date.now()}-${++n}`;
// The shop's day, in the demo program's time zone (WITA): between 16:00 and 24:00 UTC it is already tomorrow there.
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Makassar' }).format(new Date());
const COST_FIELDS = ['cost', 'grossProfit', 'value', 'netIncome', 'cogs'];

const books = useBooksHttp();
beforeAll(async () => {
  ({ owner, staff, other } = books);
  ownerEn = await books.ownerIn('en');
  const products = (await (await owner.get(`${API}/products`)).json()) as {
    products: { id: string; stockStatus: string; variants: unknown[] }[];
  };
  productId = products.products.find((p) => p.stockStatus === 'in_stock' && p.variants.length === 0)!.id;
});

const sale = (c: Client, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  c.request(`${API}/quick-sales`, {
    method: 'POST',
    json: { channel: 'stall', payment: 'cash', items: [{ productId, quantity: 1 }], ...body },
    headers,
  });
const orderCount = async () => ((await (await owner.get(`${API}/orders`)).json()) as { orders: unknown[] }).orders.length;

describe(`ledger and order inbox API (${dbName})`, () => {
  it('quick sale: the owner sees cost and profit, staff neither; the Idempotency-Key header replays', async () => {
    const k = key();
    const r = await sale(owner, {}, { 'idempotency-key': k });
    expect(r.status).toBe(201);
    const body = (await r.json()) as Record<string, unknown>;
    expect(body).toHaveProperty('cost');
    expect(body).toHaveProperty('grossProfit');
    const again = await sale(owner, {}, { 'idempotency-key': k });
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(((await again.json()) as { code: string }).code).toBe(body.code);

    const s = await sale(staff, { idempotencyKey: key() });
    expect(s.status).toBe(201);
    const sb = (await s.json()) as Record<string, unknown>;
    for (const f of COST_FIELDS) expect(sb).not.toHaveProperty(f);
  });

  it('quick sale: bad input is 400 in Indonesian or English and writes nothing; a missing key is 400', async () => {
    const before = await orderCount();
    const id = await sale(owner, { items: [], idempotencyKey: key() });
    expect(id.status).toBe(400);
    expect(JSON.stringify(await id.json())).toContain('Belum ada barang yang dipesan.');
    const en = await sale(ownerEn, { items: [], idempotencyKey: key() });
    expect(en.status).toBe(400);
    expect(JSON.stringify(await en.json())).toContain('Nothing to order yet.');
    const noKey = await sale(owner, {});
    expect(noKey.status).toBe(400);
    expect(((await noKey.json()) as { error: { fields: Record<string, string[]> } }).error.fields.idempotencyKey).toEqual(['Wajib diisi.']);
    expect(await orderCount()).toBe(before);
  });

  it('the order inbox filters by channel, payment state, period and search', async () => {
    const made = (await (await sale(owner, { customerName: 'Daeng Filter', idempotencyKey: key() })).json()) as { code: string };
    const list = async (q: string) =>
      ((await (await owner.get(`${API}/orders?${q}`)).json()) as { orders: { code: string }[] }).orders.map((o) => o.code);
    expect(await list(`channel=stall&payment=paid&status=fulfilled&from=${today}&to=${today}&q=daeng%20fil`)).toEqual([made.code]);
    expect(await list(`q=${made.code.toLowerCase()}`)).toEqual([made.code]);
    expect(await list('channel=web&q=Daeng%20Filter')).toEqual([]);
    expect(await list('payment=unpaid&q=Daeng%20Filter')).toEqual([]);
    expect(await list('to=2000-01-01&q=Daeng%20Filter')).toEqual([]);
    expect(await list('q=%25')).not.toContain(made.code);
    const bad = await owner.get(`${API}/orders?from=${today}&to=2000-01-01`);
    expect(bad.status).toBe(400);
    const badChannel = await ownerEn.get(`${API}/orders?channel=fax`);
    expect(badChannel.status).toBe(400);
  });

  it('the dashboard inbox takes the same filters as a GET form', async () => {
    const made = (await (await sale(owner, { customerName: 'Daeng Formulir', idempotencyKey: key() })).json()) as { code: string };
    const page = await (await owner.get(`/dashboard/hk05/pesanan?channel=stall&payment=paid&q=formulir`)).text();
    expect(page).toContain(made.code);
    expect(page).toContain('name="channel"');
    const none = await (await owner.get(`/dashboard/hk05/pesanan?channel=web&q=formulir`)).text();
    expect(none).not.toContain(made.code);
    const bad = await owner.get(`/dashboard/hk05/pesanan?from=kemarin`);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('Tanggal tidak valid');
    const badEn = await ownerEn.get(`/dashboard/hk05/pesanan?from=kemarin`);
    expect(await badEn.text()).toContain('Invalid date');
  });

  it('return after fulfilment: owner sees cost, staff not; another shop gets 404 and the order is unchanged', async () => {
    const a = (await (await sale(owner, { idempotencyKey: key() })).json()) as { code: string };
    const foreign = await other.post(`/api/v1/shops/roti-balang/orders/${a.code}/returns`, { reason: 'rusak', idempotencyKey: key() });
    expect(foreign.status).toBe(404);
    const cross = await other.post(`${API}/orders/${a.code}/returns`, { reason: 'rusak', idempotencyKey: key() });
    expect(cross.status).toBe(404);
    const r = await owner.post(`${API}/orders/${a.code}/returns`, { reason: 'rusak', idempotencyKey: key() });
    expect(r.status).toBe(201);
    expect(await r.json()).toHaveProperty('cost');
    const again = await owner.post(`${API}/orders/${a.code}/returns`, { reason: 'lagi', idempotencyKey: key() });
    expect(again.status).toBe(409);

    const b = (await (await sale(staff, { idempotencyKey: key() })).json()) as { code: string };
    const s = await staff.post(`${API}/orders/${b.code}/returns`, { reason: 'salah', restock: true, idempotencyKey: key() });
    expect(s.status).toBe(201);
    const staffReturn = (await s.json()) as Record<string, unknown>;
    for (const f of COST_FIELDS) expect(staffReturn).not.toHaveProperty(f);
  });

  it('stock-ins are the owner’s; stock counts give staff no value at cost', async () => {
    const body = { productId, quantity: 5, source: { kind: 'purchase', cost: 50_000, paidWith: 'cash' }, idempotencyKey: key() };
    expect((await staff.post(`${API}/stock-ins`, body)).status).toBe(403);
    const r = await owner.post(`${API}/stock-ins`, body);
    expect(r.status).toBe(201);
    expect(await r.json()).toEqual({ recorded: true });
    expect(((await (await owner.post(`${API}/stock-ins`, body)).json()) as { recorded: boolean }).recorded).toBe(false);
    const bad = await owner.post(`${API}/stock-ins`, { ...body, quantity: 0, idempotencyKey: key() });
    expect(bad.status).toBe(400);

    const count = (await (await owner.get(`${API}/products/${productId}`)).json()) as { product: { stock: number | null } };
    const counted = (count.product.stock ?? 10) + 2;
    const oc = await owner.post(`${API}/stock-counts`, { productId, counted, idempotencyKey: key() });
    expect(oc.status).toBe(201);
    expect(await oc.json()).toHaveProperty('value');
    const sc = await staff.post(`${API}/stock-counts`, { productId, counted, idempotencyKey: key() });
    expect(sc.status).toBe(201);
    const staffCount = (await sc.json()) as Record<string, unknown>;
    expect(staffCount).toMatchObject({ difference: 0, recorded: true });
    for (const f of COST_FIELDS) expect(staffCount).not.toHaveProperty(f);
  });

  it('cash book, depreciation, journal reversal and month close: owner only; another shop’s entry is 404', async () => {
    const expense = { account: '5202', amount: 15_000, paidWith: 'cash', memo: 'ongkir', idempotencyKey: key() };
    expect((await staff.post(`${API}/cash-book/expenses`, expense)).status).toBe(403);
    const e = await owner.post(`${API}/cash-book/expenses`, expense);
    expect(e.status).toBe(201);
    const entryId = ((await e.json()) as { entryId: string }).entryId;
    const bad = await ownerEn.post(`${API}/cash-book/expenses`, { ...expense, amount: -1, idempotencyKey: key() });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('Amounts must be whole Rupiah');

    for (const [path, body] of [
      ['capital', { amount: 1_000_000, paidWith: 'bank' }],
      ['drawings', { amount: 50_000, paidWith: 'cash' }],
      ['credit-purchases', { account: '5204', amount: 75_000, supplierName: 'Toko Kemasan', dueDate: '2099-01-31' }],
      ['equipment', { name: 'Kompor', cost: 1_200_000, lifeMonths: 24, paidWith: 'cash' }],
    ] as const) {
      const r = await owner.request(`${API}/cash-book/${path}`, { method: 'POST', json: body, headers: { 'idempotency-key': key() } });
      expect(r.status, path).toBe(201);
    }
    const dep = await owner.post(`${API}/cash-book/depreciation`, { month: today.slice(0, 7) });
    expect(dep.status).toBe(200);
    expect((await staff.post(`${API}/cash-book/depreciation`, { month: today.slice(0, 7) })).status).toBe(403);

    const journal = (await (await owner.get(`${API}/journal-entries?from=${today}&to=${today}`)).json()) as {
      entries: { id: string; lines: { account: string; amount: number }[] }[];
    };
    expect(journal.entries.find((x) => x.id === entryId)?.lines).toEqual([
      { account: '5202', amount: 15_000 },
      { account: '1101', amount: -15_000 },
    ]);
    expect((await staff.get(`${API}/journal-entries?from=${today}&to=${today}`)).status).toBe(403);
    expect((await owner.get(`${API}/journal-entries?from=${today}&to=2000-01-01`)).status).toBe(400);
    expect((await other.post(`/api/v1/shops/roti-balang/journal-entries/${entryId}/reversal`, {})).status).toBe(404);
    const ledger = async () =>
      ((await (await owner.get(`${API}/reports/general-ledger?account=5202&from=${today}&to=${today}`)).json()) as { lines: unknown[] })
        .lines.length;
    const before = await ledger();
    const rev = await owner.post(`${API}/journal-entries/${entryId}/reversal`, { memo: 'salah catat' });
    expect(rev.status).toBe(201);
    expect(await ledger()).toBe(before + 1);
    expect((await owner.post(`${API}/journal-entries/${entryId}/reversal`, {})).status).toBe(409);

    const last = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth() - 1, 15)).toISOString().slice(0, 7);
    expect((await staff.post(`${API}/month-closes`, { month: last })).status).toBe(403);
    const close = await owner.post(`${API}/month-closes`, { month: last });
    expect(close.status).toBe(200);
    expect(await close.json()).toMatchObject({ month: last });
    expect((await owner.post(`${API}/month-closes`, { month: '2026-13' })).status).toBe(400);
  });

  it('hutang piutang: list, settle and a reminder link; staff see receivables, not payables; another shop’s debt is 404 and unchanged', async () => {
    const credit = (await (
      await sale(staff, {
        channel: 'reseller',
        payment: 'credit',
        dueDate: '2099-12-31',
        customerName: 'Reseller Sungguminasa',
        customerPhone: '0812 3456 7890',
        idempotencyKey: key(),
      })
    ).json()) as { receivable: { debtId: string; amount: number } };
    const debtId = credit.receivable.debtId;
    const list = (await (await staff.get(`${API}/debts?kind=receivable`)).json()) as { debts: { id: string; outstanding: number }[] };
    expect(list.debts.find((d) => d.id === debtId)?.outstanding).toBe(credit.receivable.amount);
    expect((await staff.get(`${API}/debts?kind=payable`)).status).toBe(403);
    expect((await owner.get(`${API}/debts?kind=payable`)).status).toBe(200);

    const foreign = await other.post(`/api/v1/shops/roti-balang/debts/${debtId}/settlements`, {
      amount: 1000,
      paidWith: 'cash',
      idempotencyKey: key(),
    });
    expect(foreign.status).toBe(404);
    const reminder = (await (await staff.get(`${API}/debts/${debtId}/reminder`)).json()) as { url: string };
    expect(reminder.url.startsWith('https://wa.me/6281234567890?text=')).toBe(true);
    const after = (await (await owner.get(`${API}/debts?kind=receivable`)).json()) as { debts: { id: string; outstanding: number }[] };
    expect(after.debts.find((d) => d.id === debtId)?.outstanding).toBe(credit.receivable.amount);
    const paid = await staff.post(`${API}/debts/${debtId}/settlements`, { amount: 1000, paidWith: 'cash', idempotencyKey: key() });
    expect(paid.status).toBe(201);
    expect(await paid.json()).toEqual({ recorded: true, outstanding: credit.receivable.amount - 1000 });
    const over = await owner.post(`${API}/debts/${debtId}/settlements`, { amount: 0, paidWith: 'cash', idempotencyKey: key() });
    expect(over.status).toBe(400);
  });

  it('reports as JSON: the owner’s statements, staff refused; the sales report holds no cost or profit', async () => {
    const period = `from=${today.slice(0, 8)}01&to=${today}`;
    for (const path of [
      `profit-loss?${period}`,
      `balance-sheet?asOf=${today}`,
      `trial-balance?asOf=${today}`,
      `general-ledger?account=1101&${period}`,
      `notes?asOf=${today}`,
      `pph?year=${today.slice(0, 4)}`,
    ]) {
      expect((await owner.get(`${API}/reports/${path}`)).status, path).toBe(200);
      expect((await staff.get(`${API}/reports/${path}`)).status, path).toBe(403);
    }
    const tb = (await (await owner.get(`${API}/reports/trial-balance?asOf=${today}`)).json()) as {
      totalDebit: number;
      totalCredit: number;
    };
    expect(tb.totalDebit).toBe(tb.totalCredit);
    const s = await staff.get(`${API}/reports/sales?${period}&groupBy=week`);
    expect(s.status).toBe(200);
    const text = await s.text();
    for (const f of COST_FIELDS) expect(text).not.toContain(`"${f}"`);
    const bad = await owner.get(`${API}/reports/profit-loss?from=${today}&to=2000-01-01`);
    expect(bad.status).toBe(400);
  });

  it('report downloads: CSV parses, XLSX and PDF have their types; staff refused; unknown report 404', async () => {
    const csv = await owner.get(`${API}/reports/profit-loss/file?format=csv&from=${today.slice(0, 8)}01&to=${today}`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toMatch(/attachment; filename="laba-rugi-.*\.csv"/);
    const rows = parse(await csv.text(), { relax_column_count: true, bom: true }) as string[][];
    expect(rows.length).toBeGreaterThan(3);
    const xlsx = await owner.get(`${API}/reports/trial-balance/file?format=xlsx&asOf=${today}`);
    expect(xlsx.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(
      Buffer.from(await xlsx.arrayBuffer())
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');
    const pdf = await owner.get(`${API}/reports/balance-sheet/file?format=pdf&asOf=${today}`);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    expect((await staff.get(`${API}/reports/profit-loss/file?format=csv&from=${today}&to=${today}`)).status).toBe(403);
    expect((await owner.get(`${API}/reports/rahasia/file?format=csv`)).status).toBe(404);
    expect((await owner.get(`${API}/reports/balance-sheet/file?format=doc&asOf=${today}`)).status).toBe(400);
  });
});
