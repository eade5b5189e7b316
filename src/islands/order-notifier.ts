/** See src/components/OrderNotifier.astro. Kept tiny: it runs on every dashboard page. */
// The site's one worker (scripts/service-worker.ts); it imports /orders-sw.js for the notification click.
const SW = '/sw.js';
const SCOPE = '/';
const box = document.querySelector<HTMLElement>('[data-order-notifier]');

async function notify(title: string, url: string, tag: string) {
  try {
    const n = new Notification(title, { tag });
    n.onclick = () => {
      window.focus();
      location.href = url;
    };
    return;
  } catch {
    /* phones: only a service worker may show notifications */
  }
  const reg = await navigator.serviceWorker?.getRegistration(SCOPE);
  await reg?.showNotification(title, { tag, data: { url } });
}

if (box) {
  const slug = box.dataset.slug ?? '';
  let latest = box.dataset.latest ?? '';
  const state = box.querySelector<HTMLElement>('[data-notify-state]');
  const button = box.querySelector<HTMLButtonElement>('[data-notify-enable]');
  const supported = 'Notification' in window;
  const show = () => {
    if (!supported || !button || !state) return;
    box.hidden = false;
    button.hidden = Notification.permission !== 'default';
    state.textContent =
      Notification.permission === 'granted'
        ? (box.dataset.textOn ?? '')
        : Notification.permission === 'denied'
          ? (box.dataset.textBlocked ?? '')
          : '';
  };
  show();
  // Browsers only ask after a user gesture; the page never asks on load.
  button?.addEventListener('click', async () => {
    const p = await Notification.requestPermission();
    if (p === 'granted' && 'serviceWorker' in navigator)
      await navigator.serviceWorker.register(SW, { scope: SCOPE }).catch(() => undefined);
    show();
  });

  const poll = async () => {
    try {
      const res = await fetch(`/api/v1/shops/${encodeURIComponent(slug)}/orders/pending-count`, {
        headers: { accept: 'application/json' },
        credentials: 'same-origin',
      });
      if (!res.ok) return;
      const data = (await res.json()) as { count: number; latest: { code: string; createdAt: string } | null };
      for (const badge of document.querySelectorAll<HTMLElement>('[data-pending-badge]')) {
        const count = badge.querySelector<HTMLElement>('[data-count]');
        const label = badge.querySelector<HTMLElement>('[data-label]');
        if (count) count.textContent = String(data.count);
        if (label) label.textContent = (box.dataset.textBadge ?? '').replace('{count}', String(data.count));
        badge.hidden = data.count === 0;
      }
      if (data.latest && data.latest.createdAt > latest) {
        latest = data.latest.createdAt;
        if (supported && Notification.permission === 'granted') {
          const code = data.latest.code;
          await notify(
            (box.dataset.textNew ?? '').replace('{code}', code),
            `/dashboard/${slug}/pesanan/${encodeURIComponent(code)}`,
            `order-${code}`,
          );
        }
      }
    } catch {
      /* offline for a moment: try again next time */
    }
  };
  setInterval(poll, 20_000);
}
