import { beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '#tests/helpers/http.ts';
import { useBooksHttp } from '#tests/helpers/books-http.ts';

/**
 * Issue 10: the books' pages and API over HTTP — stock (staff count, never see costs), chart of accounts,
 * journal with its sources, opening balances, taxpayer kind — for the owner, staff and another shop.
 */
let owner: Client;
let staff: Client;
let other: Client;
let shopId: string;
let productId: string;

const books = useBooksHttp(async ({ shopId }) => {
  const { ownerDb: db } = await import('#tests/helpers/db.ts');
  const p = await db()
    .selectFrom('products')
    .leftJoin('product_variants', (j) =>
      j.onRef('product_variants.shop_id', '=', 'products.shop_id').onRef('product_variants.product_id', '=', 'products.id'),
    )
    .select('products.id')
    .where('products.shop_id', '=', shopId)
    .where('product_variants.id', 'is', null)
    .where('products.stock', 'is not', null)
    .orderBy('products.name')
    .executeTakeFirstOrThrow();
  productId = p.id;
});
beforeAll(() => void ({ owner, staff, other, shopId } = books));

const dbName = process.env.DATABASE_URL ? 'postgres' : 'sqlite';

async function stock() {
  const { ownerDb: db } = await import('#tests/helpers/db.ts');
  const r = await db().selectFrom('products').select(['stock', 'stock_value']).where('id', '=', productId).executeTakeFirstOrThrow();
  return { stock: Number(r.stock), value: Number(r.stock_value ?? 0) };
}

/** Payables opened by stock-ins (not the cash book's), oldest first: [supplier, phone, amount, due]. */
async function payables() {
  const { ownerDb: db } = await import('#tests/helpers/db.ts');
  const rows = await db()
    .selectFrom('ledger_debts')
    .innerJoin('journal_entries', (j) =>
      j.onRef('journal_entries.shop_id', '=', 'ledger_debts.shop_id').onRef('journal_entries.id', '=', 'ledger_debts.entry_id'),
    )
    .select(['ledger_debts.party_name', 'ledger_debts.party_phone', 'ledger_debts.amount', 'ledger_debts.due_date'])
    .where('ledger_debts.shop_id', '=', shopId)
    .where('ledger_debts.kind', '=', 'payable')
    .where('journal_entries.source_type', '=', 'stock')
    .orderBy('ledger_debts.created_at')
    .execute();
  return rows.map((r) => [r.party_name, r.party_phone, Number(r.amount), r.due_date]);
}

describe(`stock page (${dbName})`, () => {
  it('staff count the shelf and see quantities only: no value, average cost or stock-in form', async () => {
    const before = await stock();
    const res = await staff.get('/dashboard/hk05/stok');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Catat stok opname');
    expect(html).not.toMatch(/Rp\s?\d/);
    expect(html).not.toContain('Harga pokok');
    expect(html).not.toContain('id="stock-in"');
    const count = await staff.form('/dashboard/hk05/stok', {
      action: 'count',
      item: productId,
      counted: String(before.stock - 1),
      idempotencyKey: 'stok-http-count-1',
    });
    expect(count.status).toBe(303);
    expect(count.headers.get('location')).toContain('selisih=-1');
    expect((await stock()).stock).toBe(before.stock - 1);
    const after = await (await staff.get(count.headers.get('location')!)).text();
    expect(after).not.toMatch(/Rp\s?\d/);
    // The API answers staff without the value at cost too.
    const api = await staff.post('/api/v1/shops/hk05/stock-counts', {
      productId,
      counted: before.stock - 1,
      idempotencyKey: 'stok-http-count-2',
    });
    expect(api.status).toBe(201);
    expect(await api.json()).toEqual({ difference: 0, recorded: true });
    const stockIn = await staff.form('/dashboard/hk05/stok', {
      action: 'stock_in',
      item: productId,
      quantity: '5',
      kind: 'purchase',
      cost: '50000',
      paidWith: 'cash',
      idempotencyKey: 'stok-http-in-staff',
    });
    expect(stockIn.status).toBe(403);
    expect((await other.get('/dashboard/hk05/stok')).status).toBe(404);
  });

  it('the owner sees values and records a purchase on credit; a batch cannot take materials that were expensed', async () => {
    const before = await stock();
    const html = await (await owner.get('/dashboard/hk05/stok')).text();
    expect(html).toContain('id="stock-in"');
    expect(html).toContain('Harga pokok rata-rata');
    const form = {
      action: 'stock_in',
      item: productId,
      quantity: '10',
      kind: 'purchase',
      cost: '150.000',
      paidWith: 'credit',
      supplierName: 'Toko Sinar',
      supplierPhone: '0852 4000 3333',
      dueDate: '2099-01-31',
      idempotencyKey: 'stok-http-in-1',
    };
    const nameless = await owner.form('/dashboard/hk05/stok', { ...form, supplierName: '', idempotencyKey: 'stok-http-in-0' });
    expect(nameless.status).toBe(400);
    expect(await nameless.text()).toContain('Wajib diisi.');
    expect(await stock()).toEqual(before);
    expect((await owner.form('/dashboard/hk05/stok', form)).status).toBe(303);
    expect((await owner.form('/dashboard/hk05/stok', form)).status).toBe(303);
    expect(await stock()).toEqual({ stock: before.stock + 10, value: before.value + 150_000 });
    // On credit the supplier is owed: one payable (a replay adds none), the same as the API's (below).
    expect(await payables()).toEqual([['Toko Sinar', '+6285240003333', 150_000, '2099-01-31']]);
    const batch = await owner.form('/dashboard/hk05/stok', {
      ...form,
      kind: 'production',
      materials: '999.999.999',
      packaging: '',
      otherCash: '',
      idempotencyKey: 'stok-http-in-2',
    });
    expect(batch.status).toBe(400);
    expect(await batch.text()).toContain('Bahan baku yang tercatat tidak cukup.');
    expect(await stock()).toEqual({ stock: before.stock + 10, value: before.value + 150_000 });
  });

  it('a stock-in on credit through the API opens the same payable as the page; without a supplier it is 400', async () => {
    const before = await stock();
    const had = await payables();
    const body = {
      productId,
      quantity: 4,
      source: { kind: 'purchase', cost: 60_000, paidWith: 'credit', supplierName: 'CV Kemasan Gowa', dueDate: '2099-02-28' },
      idempotencyKey: 'stok-http-api-credit-1',
    };
    const post = (json: unknown) => owner.request('/api/v1/shops/hk05/stock-ins', { method: 'POST', json });
    const first = await post(body);
    expect(first.status).toBe(201);
    expect(await first.json()).toEqual({ recorded: true });
    const again = await post(body);
    expect(again.status).toBe(201);
    expect(await again.json()).toEqual({ recorded: false });
    expect(await stock()).toEqual({ stock: before.stock + 4, value: before.value + 60_000 });
    expect(await payables()).toEqual([...had, ['CV Kemasan Gowa', null, 60_000, '2099-02-28']]);
    const list = (await (await owner.get('/api/v1/shops/hk05/debts?kind=payable')).json()) as {
      debts: { partyName: string; outstanding: number; dueDate: string | null }[];
    };
    expect(list.debts.find((d) => d.partyName === 'CV Kemasan Gowa')).toMatchObject({ outstanding: 60_000, dueDate: '2099-02-28' });
    const nameless = await post({ ...body, source: { ...body.source, supplierName: undefined }, idempotencyKey: 'stok-http-api-credit-2' });
    expect(nameless.status).toBe(400);
    expect(((await nameless.json()) as { error: { fields: Record<string, string[]> } }).error.fields).toHaveProperty([
      'source.supplierName',
    ]);
    expect(await stock()).toEqual({ stock: before.stock + 4, value: before.value + 60_000 });
  });
});

describe(`chart of accounts, journal, opening balances, taxpayer kind (${dbName})`, () => {
  it('the owner sees the chart in both languages and adds an account; a bad code is refused; staff and others cannot', async () => {
    const id = await (await owner.get('/dashboard/hk05/akun')).text();
    expect(id).toContain('Beban Penyusutan');
    const en = await books.ownerIn('en');
    expect(await (await en.get('/dashboard/hk05/akun')).text()).toContain('Depreciation expense');
    const add = await owner.form('/dashboard/hk05/akun', { type: 'expense', code: '5391', nameId: 'Beban Ronda', nameEn: 'Night watch' });
    expect(add.status).toBe(303);
    expect(await (await owner.get('/dashboard/hk05/akun')).text()).toContain('Beban Ronda');
    const bad = await owner.form('/dashboard/hk05/akun', { type: 'expense', code: '1391', nameId: 'Salah' });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('Kode akun 4 angka');
    expect((await staff.get('/dashboard/hk05/akun')).status).toBe(403);
    expect((await staff.form('/dashboard/hk05/akun', { type: 'expense', code: '5392', nameId: 'X' })).status).toBe(403);
    const api = await owner.get('/api/v1/shops/hk05/accounts');
    expect(api.status).toBe(200);
    expect((await api.json()).accounts).toContainEqual({
      code: '5391',
      type: 'expense',
      nameId: 'Beban Ronda',
      nameEn: 'Night watch',
      contra: false,
      system: false,
    });
    expect((await owner.post('/api/v1/shops/hk05/accounts', { type: 'asset', code: '1391', nameId: 'Kas Kecil' })).status).toBe(201);
    expect((await staff.get('/api/v1/shops/hk05/accounts')).status).toBe(403);
    expect((await other.get('/api/v1/shops/hk05/accounts')).status).toBe(404);
    // The new expense account is offered by the cash book.
    expect(await (await owner.get('/dashboard/hk05/kas')).text()).toContain('Beban Ronda');
  });

  it('opening balances post once, with capital balancing; the journal links each entry to its source', async () => {
    const { ownerDb: db } = await import('#tests/helpers/db.ts');
    const form = {
      date: '',
      cash: '1.000.000',
      bank: '',
      equipment: '',
      'receivable:0:name': 'Warung Daeng Puji',
      'receivable:0:phone': '0852 4000 4444',
      'receivable:0:amount': '120.000',
      'receivable:0:dueDate': '2099-03-01',
      'receivable:1:name': '',
      'receivable:1:phone': '',
      'receivable:1:amount': '',
      'receivable:1:dueDate': '',
      'payable:0:name': 'Toko Tepung',
      'payable:0:phone': '',
      'payable:0:amount': '250.000',
      'payable:0:dueDate': '',
      idempotencyKey: 'saldo-http-1',
    };
    expect((await staff.form('/dashboard/hk05/saldo-awal', form)).status).toBe(403);
    expect((await owner.form('/dashboard/hk05/saldo-awal', form)).status).toBe(303);
    expect((await owner.form('/dashboard/hk05/saldo-awal', form)).status).toBe(303);
    const html = await (await owner.get('/dashboard/hk05/saldo-awal')).text();
    expect(html).toContain('data-capital="870000"');
    // The named debts are offered again for a correction, with two blank rows each.
    expect(html).toContain('value="Warung Daeng Puji"');
    expect(html).toContain('name="receivable:2:name"');
    expect(html).toContain('name="payable:1:name"');
    // They are in hutang piutang: the receivable with a WhatsApp reminder, the payable for the owner only.
    const debtsPage = await (await owner.get('/dashboard/hk05/piutang')).text();
    expect(debtsPage).toContain('Warung Daeng Puji');
    expect(debtsPage).toContain('Toko Tepung');
    const staffDebts = await (await staff.get('/dashboard/hk05/piutang')).text();
    expect(staffDebts).toContain('Warung Daeng Puji');
    expect(staffDebts).not.toContain('Toko Tepung');
    const { ownerDb: d } = await import('#tests/helpers/db.ts');
    const opened = await d()
      .selectFrom('ledger_debts')
      .innerJoin('journal_entries', (j) =>
        j.onRef('journal_entries.shop_id', '=', 'ledger_debts.shop_id').onRef('journal_entries.id', '=', 'ledger_debts.entry_id'),
      )
      .select([
        'ledger_debts.id',
        'ledger_debts.kind',
        'ledger_debts.party_name',
        'ledger_debts.party_phone',
        'ledger_debts.amount',
        'ledger_debts.due_date',
      ])
      .where('ledger_debts.shop_id', '=', shopId)
      .where('journal_entries.source_type', '=', 'opening_balance')
      .orderBy('ledger_debts.kind', 'desc')
      .execute();
    expect(opened.map((r) => [r.kind, r.party_name, r.party_phone, Number(r.amount), r.due_date])).toEqual([
      ['receivable', 'Warung Daeng Puji', '+6285240004444', 120_000, '2099-03-01'],
      ['payable', 'Toko Tepung', null, 250_000, null],
    ]);
    const reminded = await (await staff.get(`/dashboard/hk05/piutang?ingatkan=${opened[0]!.id}`)).text();
    expect(reminded).toContain('href="https://wa.me/6285240004444?text=');
    const bad = await owner.form('/dashboard/hk05/saldo-awal', { ...form, cash: 'sejuta', idempotencyKey: 'saldo-http-2' });
    expect(bad.status).toBe(400);
    const nameless = await owner.form('/dashboard/hk05/saldo-awal', { ...form, 'payable:0:name': '', idempotencyKey: 'saldo-http-3' });
    expect(nameless.status).toBe(400);
    expect(await nameless.text()).toContain('Wajib diisi.');
    const openings = await db()
      .selectFrom('journal_entries')
      .select('id')
      .where('shop_id', '=', shopId)
      .where('source_type', '=', 'opening_balance')
      .execute();
    expect(openings).toHaveLength(1);
    const api = await owner.request('/api/v1/shops/hk05/opening-balances', {
      method: 'PUT',
      json: {
        cash: 2_000_000,
        receivables: [{ name: 'Kios Malino', phone: '085240005555', amount: 80_000, dueDate: '2099-04-01' }],
        idempotencyKey: 'saldo-http-api-1',
      },
    });
    expect(api.status).toBe(200);
    expect(await api.json()).toMatchObject({ recorded: true, capital: 2_080_000 });
    // The correction cancels the page's opening debts; its own receivable stands.
    const receivables = (await (await owner.get('/api/v1/shops/hk05/debts?kind=receivable')).json()) as { debts: { partyName: string }[] };
    const names = receivables.debts.map((x) => x.partyName);
    expect(names).toContain('Kios Malino');
    expect(names).not.toContain('Warung Daeng Puji');
    expect(
      (await staff.request('/api/v1/shops/hk05/opening-balances', { method: 'PUT', json: { idempotencyKey: 'saldo-http-api-2' } })).status,
    ).toBe(403);

    const journal = await owner.get('/dashboard/hk05/jurnal');
    expect(journal.status).toBe(200);
    const j = await journal.text();
    expect(j).toContain('data-source="opening_balance"');
    expect(j).toContain('data-source="reversal"');
    expect(j).toContain('href="/dashboard/hk05/saldo-awal"');
    expect((await staff.get('/dashboard/hk05/jurnal')).status).toBe(403);
    expect((await other.get('/dashboard/hk05/jurnal')).status).toBe(404);
    const badPeriod = await owner.get('/dashboard/hk05/jurnal?from=2026-13-01&to=2026-01-01');
    expect(badPeriod.status).toBe(400);
  });

  it('the taxpayer kind is set over the API by the owner; staff are refused; a bad kind is 400', async () => {
    const put = (c: Client, kind: string) => c.request('/api/v1/shops/hk05/taxpayer-kind', { method: 'PUT', json: { kind } });
    const ok = await put(owner, 'individual');
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ kind: 'individual' });
    expect((await put(owner, 'robot')).status).toBe(400);
    expect((await put(staff, 'entity')).status).toBe(403);
    const pph = await (await owner.get('/api/v1/shops/hk05/reports/pph?year=2026')).json();
    expect(pph.taxpayerKind).toBe('individual');
  });

  it('the cash book list API is the owner’s', async () => {
    const res = await owner.get('/api/v1/shops/hk05/cash-book');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ entries: expect.any(Array), nextBefore: null });
    expect((await staff.get('/api/v1/shops/hk05/cash-book')).status).toBe(403);
  });
});
