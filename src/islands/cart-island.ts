/**
 * Cart page enhancement: the cart forms (steppers, quantity, remove) are sent with fetch and the page is
 * updated in place, without a full reload on a slow connection. Everything works without it: the same
 * forms post normally and the server redirects back.
 */
interface CartJson {
  count: number;
  countText: string;
  subtotalText: string;
  lines: { key: string; quantity: number; lineTotalText: string }[];
  error?: { message: string };
}

document.documentElement.classList.add('js-cart');

function setStep(line: HTMLElement, quantity: number) {
  for (const f of line.querySelectorAll<HTMLFormElement>('form[data-step]')) {
    const q = f.querySelector<HTMLInputElement>('input[name=quantity]');
    if (q) q.value = String(Math.max(0, quantity + Number(f.dataset.step)));
  }
}

function apply(data: CartJson) {
  if (!data.lines.length) {
    location.reload();
    return;
  }
  const keep = new Map(data.lines.map((l) => [l.key, l]));
  for (const line of document.querySelectorAll<HTMLElement>('[data-line]')) {
    const l = keep.get(line.dataset.line ?? '');
    if (!l) {
      line.remove();
      continue;
    }
    const input = line.querySelector<HTMLInputElement>('input[type=number]');
    if (input) input.value = String(l.quantity);
    const total = line.querySelector('[data-line-total]');
    if (total) total.textContent = l.lineTotalText;
    setStep(line, l.quantity);
  }
  const sub = document.querySelector('[data-cart-subtotal]');
  if (sub) sub.textContent = data.subtotalText;
  const count = document.querySelector('[data-cart-count]');
  if (count) count.textContent = `(${data.countText})`;
}

function showError(message: string) {
  const box = document.querySelector('[data-cart-error]');
  if (!box) return;
  box.textContent = '';
  if (!message) return;
  const p = document.createElement('p');
  p.className = 'alert error';
  p.setAttribute('role', 'alert');
  p.textContent = message;
  box.append(p);
}

document.addEventListener('submit', async (e) => {
  const form = e.target;
  if (!(form instanceof HTMLFormElement) || !form.hasAttribute('data-cart-form')) return;
  e.preventDefault();
  const line = form.closest<HTMLElement>('[data-line]');
  line?.setAttribute('aria-busy', 'true');
  try {
    const body = new URLSearchParams();
    for (const [k, v] of new FormData(form)) if (typeof v === 'string') body.append(k, v);
    const res = await fetch(form.getAttribute('action') ?? location.href, {
      method: 'POST',
      body,
      headers: { accept: 'application/json' },
      credentials: 'same-origin',
    });
    const data = (await res.json()) as CartJson;
    if (!res.ok) {
      showError(data.error?.message ?? '');
      return;
    }
    showError('');
    apply(data);
  } catch {
    form.submit();
  } finally {
    line?.removeAttribute('aria-busy');
  }
});

document.addEventListener('change', (e) => {
  const input = e.target;
  if (input instanceof HTMLInputElement && input.type === 'number') input.form?.requestSubmit();
});
