/**
 * Public shop pages offline (src/layouts/ShopLayout.astro): registers /sw.js, which keeps the pages and
 * photos a customer opened; says so when a saved page is shown offline; and keeps an order placed
 * offline: the checkout form's fields wait in IndexedDB and are posted when the network is back (the
 * form's idempotency key makes a second post the same order), then the browser goes where the shop's
 * answer leads (the order page, with its WhatsApp button, or card payment).
 */
import { CACHES, offlineDb, registerWorker, type KeptOrder } from './store.ts';

const note = document.querySelector<HTMLElement>('[data-offline-note]');
const box = document.querySelector<HTMLElement>('[data-kept-order]');
const checkout = document.querySelector<HTMLFormElement>('form[data-checkout]');

// The first page a customer opens loads before the worker runs: keep it and the photos the browser has shown
// (they come from its own cache, so this costs the page's HTML once). A lazy photo further down is kept when
// it loads, never fetched ahead: a visitor on a costly plan pays only for what they scrolled to.
// data-offline-kept: done.
const firstVisit = !navigator.serviceWorker?.controller;
const keepPhoto = async (img: HTMLImageElement) => {
  const src = img.currentSrc;
  if (!src || !new URL(src).pathname.startsWith('/media/')) return;
  const images = await caches.open(CACHES.images);
  if (!(await images.match(src))) await images.add(src).catch(() => undefined);
};
void registerWorker().then(async () => {
  if (firstVisit && 'caches' in window && navigator.serviceWorker) {
    await navigator.serviceWorker.ready;
    const pages = await caches.open(CACHES.public);
    const res = await fetch(location.href, { credentials: 'same-origin' }).catch(() => null);
    if (res?.ok && !res.redirected) await pages.put(location.href, res);
    for (const img of document.images) {
      if (img.complete && img.naturalWidth > 0) await keepPhoto(img);
      else img.addEventListener('load', () => void keepPhoto(img), { once: true });
    }
  }
  document.documentElement.dataset.offlineKept = 'true';
});
const showNote = () => {
  if (note) note.hidden = navigator.onLine;
};
showNote();
addEventListener('offline', showNote);
addEventListener('online', () => {
  showNote();
  void sendKept();
});

checkout?.addEventListener(
  'submit',
  (ev) => {
    if (navigator.onLine) return;
    ev.preventDefault();
    ev.stopImmediatePropagation();
    const fields = [...new FormData(checkout)].filter((e): e is [string, string] => typeof e[1] === 'string');
    const key = fields.find(([k]) => k === 'idempotencyKey')?.[1] ?? crypto.randomUUID();
    const kept: KeptOrder = { id: key, action: location.pathname, fields, keptAt: new Date().toISOString() };
    void offlineDb()
      .then((db) => db.put('orders', kept))
      .then(showKept);
  },
  { capture: true },
);

async function showKept() {
  if (!box) return;
  const kept = await (await offlineDb()).getAll('orders');
  box.hidden = kept.length === 0;
}

let sending = false;
async function sendKept() {
  if (sending || !navigator.onLine) return;
  sending = true;
  try {
    const db = await offlineDb();
    for (const order of await db.getAll('orders')) {
      let res: Response;
      try {
        res = await fetch(order.action, {
          method: 'POST',
          body: new URLSearchParams(order.fields),
          redirect: 'manual',
          credentials: 'same-origin',
        });
      } catch {
        return;
      }
      // A redirect is the order placed; anything else (the form again, with what to fix) is shown by posting it for real.
      await db.delete('orders', order.id);
      if (res.type === 'opaqueredirect' || res.status < 500) return go(order);
    }
  } finally {
    sending = false;
    void showKept();
  }
}

/** Post the same fields as a normal form: the same key answers with the same order, and the browser follows its redirect. */
function go(order: KeptOrder) {
  const form = document.createElement('form');
  form.method = 'post';
  form.action = order.action;
  form.hidden = true;
  for (const [name, value] of order.fields) {
    const input = document.createElement('input');
    input.type = 'hidden';
    input.name = name;
    input.value = value;
    form.append(input);
  }
  document.body.append(form);
  form.submit();
}

box?.querySelector('button')?.addEventListener('click', () => void sendKept());
void showKept().then(() => sendKept());
