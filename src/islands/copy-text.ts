/**
 * Copy buttons: `<button data-copy-button data-copy-from="#id" hidden>` copies the value of the field it names
 * (a readonly input or textarea, there to select by hand without JavaScript, which is why the button starts
 * hidden). The words come from the button's data attributes; `[data-copy-status]` beside it says what happened.
 * With `data-copy-report`, a successful copy is also posted to the page (the first-steps checklist counts it).
 */
for (const button of document.querySelectorAll<HTMLButtonElement>('[data-copy-button]')) {
  const source = document.querySelector<HTMLInputElement | HTMLTextAreaElement>(button.dataset.copyFrom ?? '');
  const status = button.parentElement?.querySelector<HTMLElement>('[data-copy-status]');
  if (!source || !navigator.clipboard) continue;
  button.hidden = false;
  button.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(source.value);
      if (status) status.textContent = button.dataset.copied ?? '';
    } catch {
      source.focus();
      source.select();
      if (status) status.textContent = button.dataset.failed ?? '';
      return;
    }
    if (button.dataset.copyReport !== undefined)
      await fetch(location.pathname, { method: 'POST', body: new URLSearchParams({ channel: 'copy' }), credentials: 'same-origin' });
  });
}

export {};
