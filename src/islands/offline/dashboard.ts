/**
 * The dashboard offline (src/components/OfflineSync.astro, on every shop dashboard page): registers /sw.js,
 * links the shop's web manifest, keeps the quick sale, an expense and an order's status change in IndexedDB
 * when there is no network (ids made here, per signed-in user), sends them to the sync route when the
 * network is back and shows what waits and what was refused, in the page's words.
 */
import { CACHES, changesOf, fill, formatRupiah, newChangeId, offlineDb, registerWorker, type QueuedChange } from './store.ts';
import type { SyncResponse } from '#server/sync/responses.ts';

const root = document.querySelector<HTMLElement>('[data-offline]');
if (root) void start(root);

/** The sync route's own cap on one request (src/server/sync/schemas.ts MAX_CHANGES). */
const BATCH = 50;

async function start(root: HTMLElement) {
  const userId = root.dataset.user ?? '';
  const shop = root.dataset.shop ?? '';
  const words = JSON.parse(root.dataset.words ?? '{}') as Record<string, string>;
  const w = (k: string, p: Record<string, string | number> = {}) => fill(words[k] ?? k, p);
  const status = root.querySelector<HTMLElement>('[data-offline-status]')!;
  const list = root.querySelector<HTMLUListElement>('[data-offline-list]')!;
  const sendButton = root.querySelector<HTMLButtonElement>('[data-offline-send]')!;
  let note = '';

  // A device another person used before: their dashboard pages must not open for this one.
  if (localStorage.getItem('etalase-cache-user') !== userId) {
    await caches?.delete(CACHES.dashboard).catch(() => false);
    localStorage.setItem('etalase-cache-user', userId);
  }
  // data-ready: this device can open the shop's daily pages with no network (tests and the curious wait on it).
  void registerWorker()
    .then(() => (shop ? warm(shop) : undefined))
    .then(() => {
      root.dataset.ready = 'true';
    });
  // The notifier's worker of earlier versions (scope /dashboard/) would shadow /sw.js on the dashboard.
  void navigator.serviceWorker
    ?.getRegistrations()
    .then((regs) => regs.filter((r) => r.scope.endsWith('/dashboard/')).forEach((r) => r.unregister()));
  if (shop && !document.querySelector('link[rel=manifest]')) {
    const link = document.createElement('link');
    link.rel = 'manifest';
    link.href = `/${shop}/manifest.webmanifest`;
    document.head.append(link);
  }

  async function render() {
    const mine = await changesOf(userId, shop);
    const waiting = mine.filter((c) => c.state === 'waiting').length;
    status.textContent = [navigator.onLine ? '' : w('offline.isOffline'), waiting ? w('offline.waiting', { count: waiting }) : '', note]
      .filter(Boolean)
      .join(' ');
    list.replaceChildren(
      ...mine.map((c) => {
        const li = document.createElement('li');
        li.dataset.state = c.state;
        li.dataset.changeId = c.id;
        const head = document.createElement('strong');
        head.textContent = `${c.label} · ${w(`offline.state.${c.state}`)}`;
        li.append(head);
        if (c.message) {
          const p = document.createElement('p');
          p.textContent = c.message;
          li.append(p);
        }
        if (c.state !== 'waiting') {
          const b = document.createElement('button');
          b.type = 'button';
          b.className = 'secondary';
          b.textContent = w('offline.dismiss');
          b.addEventListener('click', async () => {
            await (await offlineDb()).delete('changes', c.id);
            await render();
          });
          li.append(b);
        }
        return li;
      }),
    );
    sendButton.hidden = !waiting || !navigator.onLine;
    root.hidden = !mine.length && navigator.onLine && !note;
  }

  async function keep(kind: string, label: string, body: Record<string, unknown>, message: string) {
    if (!shop) return;
    const id = newChangeId();
    const occurredAt = new Date().toISOString();
    const change: QueuedChange = {
      id,
      userId,
      shop,
      order: `${occurredAt}|${id}`,
      state: 'waiting',
      label,
      message: '',
      change: { id, kind, occurredAt, ...body },
    };
    await (await offlineDb()).put('changes', change);
    note = message;
    await render();
    void flush();
  }

  let flushing: Promise<void> | null = null;
  function flush(): Promise<void> {
    if (!navigator.onLine) return Promise.resolve();
    // One sender per user and shop across this device's tabs; the server would apply a twin once anyway.
    flushing ??= (navigator.locks ? navigator.locks.request(`etalase-sync:${userId}`, send) : send()).finally(() => {
      flushing = null;
      void render();
    });
    return flushing;
  }

  async function send(): Promise<void> {
    const waiting = (await changesOf(userId, shop)).filter((c) => c.state === 'waiting');
    if (!waiting.length) return;
    status.textContent = w('offline.sending');
    const shops = [...new Set(waiting.map((c) => c.shop))];
    for (const s of shops) {
      const theirs = waiting.filter((c) => c.shop === s);
      for (let i = 0; i < theirs.length; i += BATCH) if (!(await post(s, theirs.slice(i, i + BATCH)))) return;
    }
    note = '';
  }

  /** false: stop for now (no network, signed out); the changes keep waiting. */
  async function post(to: string, batch: QueuedChange[]): Promise<boolean> {
    let res: Response;
    try {
      res = await fetch(`/api/v1/shops/${encodeURIComponent(to)}/sync`, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ changes: batch.map((c) => c.change) }),
      });
    } catch {
      return false;
    }
    const db = await offlineDb();
    if (res.status === 401) {
      note = w('offline.signInAgain');
      return false;
    }
    if (res.status === 403 || res.status === 404) {
      // No longer a member of this shop: none of this person's changes may enter its books.
      const reason = ((await res.json().catch(() => null)) as { error?: { message?: string } } | null)?.error?.message ?? '';
      for (const c of batch) await db.put('changes', { ...c, state: 'refused', message: w('offline.removed', { reason }) });
      return true;
    }
    if (res.status === 400 && batch.length > 1) {
      // One change the server cannot read: send them one by one, so only that one is refused.
      for (const c of batch) if (!(await post(to, [c]))) return false;
      return true;
    }
    if (res.status === 400) {
      const message = ((await res.json().catch(() => null)) as { error?: { message?: string } } | null)?.error?.message ?? '';
      await db.put('changes', { ...batch[0]!, state: 'refused', message });
      return true;
    }
    if (!res.ok) return false;
    const { results } = (await res.json()) as SyncResponse;
    for (const r of results) {
      const c = batch.find((b) => b.id === r.id);
      if (!c) continue;
      if (r.outcome === 'applied' || r.outcome === 'replayed') await db.delete('changes', c.id);
      else await db.put('changes', { ...c, state: r.outcome, message: r.message });
    }
    return true;
  }

  document.addEventListener('submit', (ev) => {
    if (navigator.onLine || !(ev.target instanceof HTMLFormElement)) return;
    const form = ev.target;
    const kept = saleFrom(form) ?? statusFrom(form) ?? expenseFrom(form);
    if (!kept) return;
    ev.preventDefault();
    if ('refusal' in kept) {
      note = w(kept.refusal);
      void render();
      return;
    }
    void keep(kept.kind, kept.label, kept.body, kept.message).then(() => {
      if (form.matches('[data-sale-form]')) form.reset();
    });
  });

  type Kept = { kind: string; label: string; body: Record<string, unknown>; message: string } | { refusal: string } | null;

  function saleFrom(form: HTMLFormElement): Kept {
    if (!form.matches('[data-sale-form], [data-repeat-form]')) return null;
    const fd = new FormData(form);
    const items: Record<string, unknown>[] = [];
    let total = 0;
    for (const [name, value] of fd) {
      if (!name.startsWith('qty:')) continue;
      const quantity = whole(value);
      if (quantity === undefined || quantity === 0) continue;
      const [, productId = '', variantId = ''] = name.split(':');
      const unitPrice = whole(fd.get(`price:${productId}:${variantId}`));
      const listPrice = form.dataset.price !== undefined ? Number(form.dataset.price) : priceOf(name.slice(4));
      total += (unitPrice ?? listPrice) * quantity;
      items.push({ productId, variantId: variantId || null, quantity, ...(unitPrice === undefined ? {} : { unitPrice }) });
    }
    if (!items.length) return { refusal: 'offline.nothingSold' };
    const text = (k: string) => {
      const v = fd.get(k);
      return typeof v === 'string' ? v : '';
    };
    const sale = {
      channel: text('channel') || 'stall',
      payment: text('payment') || 'cash',
      ...(text('dueDate') ? { dueDate: text('dueDate') } : {}),
      customerName: text('customerName'),
      items,
    };
    const money = formatRupiah(total);
    return {
      kind: 'sale',
      label: w('offline.kind.sale', { total: money }),
      body: { sale },
      message: w('offline.saleKept', { total: money }),
    };
  }

  function priceOf(key: string): number {
    for (const el of document.querySelectorAll<HTMLElement>('[data-choice]'))
      if (el.dataset.choice === key) return Number(el.dataset.price) || 0;
    return 0;
  }

  function statusFrom(form: HTMLFormElement): Kept {
    const fd = new FormData(form);
    const box = form.closest<HTMLElement>('[data-order-version]');
    if (fd.get('action') !== 'transition' || !box) return null;
    const code = box.dataset.orderCode ?? '';
    const to = String(fd.get('to') ?? '');
    const toLabel = form.querySelector('button')?.textContent?.trim() ?? to;
    return {
      kind: 'orderStatus',
      label: w('offline.kind.orderStatus', { code, to: toLabel }),
      body: { code, to, baseVersion: box.dataset.orderVersion ?? '' },
      message: w('offline.statusKept', { code }),
    };
  }

  function expenseFrom(form: HTMLFormElement): Kept {
    const fd = new FormData(form);
    if (fd.get('action') !== 'expense') return null;
    const text = (k: string) => {
      const v = fd.get(k);
      return typeof v === 'string' ? v.trim() : '';
    };
    const amount = whole(fd.get('amount')) ?? Number.NaN;
    const expense = {
      account: text('account'),
      amount,
      paidWith: text('paidWith') || 'cash',
      ...(text('date') ? { date: text('date') } : {}),
      memo: text('memo'),
      partyName: text('partyName'),
    };
    const money = formatRupiah(Number.isFinite(amount) ? amount : 0);
    return {
      kind: 'expense',
      label: w('offline.kind.expense', { total: money }),
      body: { expense },
      message: w('offline.expenseKept', { total: money }),
    };
  }

  // Signing out empties this device's copies of the shop's pages; changes still waiting stay with their owner.
  for (const form of document.querySelectorAll<HTMLFormElement>('form[action="/keluar"]')) {
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      void Promise.all([caches?.delete(CACHES.dashboard), localStorage.removeItem('etalase-cache-user')])
        .catch(() => undefined)
        .finally(() => form.submit());
    });
  }

  sendButton.addEventListener('click', () => void flush());
  addEventListener('online', () => void render().then(flush));
  addEventListener('offline', () => void render());
  await render();
  void flush();
}

/** A typed number as the server's form reads it (record-quick-sale-from-form.ts): blank is none, "25.000" is 25000. */
function whole(raw: FormDataEntryValue | null): number | undefined {
  const s = typeof raw === 'string' ? raw.replace(/[.\s]/g, '') : '';
  if (s === '') return undefined;
  return /^-?\d+$/.test(s) ? Number(s) : Number.NaN;
}

/** The pages a person at a stall needs without network: kept once each, then refreshed on every online visit (sw.js). */
async function warm(shop: string) {
  if (!navigator.onLine || !('caches' in window)) return;
  await navigator.serviceWorker?.ready;
  const cache = await caches.open(CACHES.dashboard);
  const base = `/dashboard/${encodeURIComponent(shop)}`;
  for (const path of [base, `${base}/jual`, `${base}/produk`, `${base}/pesanan`]) {
    if (await cache.match(path, { ignoreVary: true })) continue;
    const res = await fetch(path, { credentials: 'same-origin' }).catch(() => null);
    if (res?.ok && !res.redirected) await cache.put(path, res);
  }
}
