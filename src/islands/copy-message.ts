/**
 * The order page's copy button: shown only with JavaScript (without it the readonly message is there to
 * select by hand). The words come from the button's data attributes.
 */
const button = document.querySelector<HTMLButtonElement>('[data-copy-button]');
const source = document.querySelector<HTMLTextAreaElement>('[data-copy-source]');
const copyStatus = document.querySelector<HTMLElement>('[data-copy-status]');

if (button && source && copyStatus) {
  button.hidden = false;
  button.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(source.value);
      copyStatus.textContent = button.dataset.copied ?? '';
    } catch {
      source.focus();
      source.select();
      copyStatus.textContent = button.dataset.failed ?? '';
    }
  });
}

export {};
