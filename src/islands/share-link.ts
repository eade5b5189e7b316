/**
 * "Salin tautan" on the shop dashboard's home: copies the catalog link and tells the page it was shared (the
 * first-steps checklist ticks it). Without JavaScript the button stays hidden; the WhatsApp form still works.
 */
const button = document.querySelector<HTMLButtonElement>('[data-copy-link]');
const input = document.querySelector<HTMLInputElement>('#share-catalog');
const copyStatus = document.querySelector<HTMLElement>('[data-copy-status]');
if (button && input && navigator.clipboard) {
  button.hidden = false;
  button.addEventListener('click', async () => {
    await navigator.clipboard.writeText(input.value);
    if (copyStatus) copyStatus.textContent = button.dataset.copied ?? '';
    await fetch(location.pathname, { method: 'POST', body: new URLSearchParams({ channel: 'copy' }), credentials: 'same-origin' });
  });
}

export {};
