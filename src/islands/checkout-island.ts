/**
 * Checkout enhancement: the summary follows the chosen delivery (fee and total), the destination and
 * address show only for a delivery that needs them (the page's CSS does the same where :has() works), and
 * the button follows the chosen payment. The server computes the real total either way; this only keeps the page honest while choosing.
 */
const form = document.querySelector<HTMLFormElement>('form[data-checkout]');
const total = document.querySelector<HTMLElement>('[data-total]');
const feeRow = document.querySelector<HTMLElement>('[data-fee-row]');
const feeText = document.querySelector<HTMLElement>('[data-fee]');
const submit = document.querySelector<HTMLButtonElement>('[data-submit]');
const rupiah = new Intl.NumberFormat('id-ID', { style: 'currency', currency: 'IDR', minimumFractionDigits: 0, maximumFractionDigits: 0 });
const fmt = (n: number) => rupiah.format(n).replace(/\u00a0/g, ' ');

function update() {
  if (!form || !total) return;
  const d = form.querySelector<HTMLInputElement>('input[name=delivery]:checked');
  const fee = Number(d?.dataset.fee ?? 0);
  total.textContent = fmt(Number(total.dataset.subtotal ?? 0) + fee);
  if (feeRow) feeRow.hidden = fee === 0;
  if (feeText) feeText.textContent = fmt(fee);
  for (const el of form.querySelectorAll<HTMLElement>('[data-for-delivery]')) el.hidden = d?.value === 'pickup';
  const p = form.querySelector<HTMLInputElement>('input[name=payment]:checked')?.value;
  if (submit) {
    submit.textContent = (p === 'card' ? submit.dataset.labelCard : submit.dataset.labelWhatsapp) ?? submit.textContent;
    submit.classList.toggle('wa', p !== 'card');
  }
}

form?.addEventListener('change', update);
// A second tap sends the same idempotency key anyway; this just avoids the flicker of two requests.
form?.addEventListener('submit', () => {
  if (submit)
    setTimeout(() => {
      submit.disabled = true;
    }, 0);
});
addEventListener('pageshow', () => {
  if (submit) submit.disabled = false;
});
update();
