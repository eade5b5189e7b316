/**
 * Add to cart from a catalog or product page without leaving it: the form is sent with fetch, the header
 * count and the note under the form ("Added to cart: X", a live region) update in place. Without
 * JavaScript, or when the fetch fails, the form posts and the server redirects back to the product's anchor.
 */
interface AddJson {
  count?: number;
  addedText?: string | null;
  error?: { message?: string; fields?: Record<string, string[]> };
}

function say(note: HTMLElement | null, text: string, withLink: boolean) {
  if (!note) return;
  note.textContent = text;
  if (withLink && note.dataset.cartHref) {
    const a = document.createElement('a');
    a.href = note.dataset.cartHref;
    a.textContent = note.dataset.viewCart ?? '';
    note.append(' · ', a);
  }
}

document.addEventListener('submit', async (e) => {
  const form = e.target;
  if (!(form instanceof HTMLFormElement) || !form.hasAttribute('data-add-form')) return;
  e.preventDefault();
  const note = form.parentElement?.querySelector<HTMLElement>('[data-added]') ?? null;
  const submitter = e.submitter instanceof HTMLButtonElement ? e.submitter : null;
  if (submitter) submitter.disabled = true;
  try {
    const body = new URLSearchParams();
    for (const [k, v] of new FormData(form, submitter)) if (typeof v === 'string') body.append(k, v);
    const res = await fetch(form.getAttribute('action') ?? location.href, {
      method: 'POST',
      body,
      headers: { accept: 'application/json' },
      credentials: 'same-origin',
    });
    const data = (await res.json()) as AddJson;
    if (!res.ok) {
      say(
        note,
        data.error?.message ||
          Object.values(data.error?.fields ?? {})
            .flat()
            .join(' '),
        false,
      );
      return;
    }
    say(note, data.addedText ?? '', true);
    const cc = document.getElementById('cc');
    if (cc && typeof data.count === 'number') {
      cc.textContent = String(data.count);
      cc.hidden = data.count <= 0;
    }
  } catch {
    form.submit();
  } finally {
    if (submitter) submitter.disabled = false;
  }
});
