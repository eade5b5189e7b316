/**
 * The import page's progress bar while a commit runs in the server: polls the import's API and moves the
 * bar; when the run ends the page reloads to show the result. Without JavaScript a <meta refresh> does the same.
 */
const progressBox = document.querySelector<HTMLElement>('[data-import-progress]');

if (progressBox?.dataset.poll) {
  const url = progressBox.dataset.poll;
  const bar = progressBox.querySelector('progress');
  const text = progressBox.querySelector<HTMLElement>('[data-progress-text]');
  const template = progressBox.dataset.text ?? '';
  const poll = async () => {
    try {
      const res = await fetch(url, { headers: { accept: 'application/json' } });
      if (res.ok) {
        const v = (await res.json()) as { status: string; progress: { percent: number; rowsRead: number; rowsTotal: number } };
        if (v.status !== 'running') {
          location.reload();
          return;
        }
        if (bar) {
          bar.value = v.progress.percent;
          bar.textContent = `${v.progress.percent}%`;
        }
        if (text)
          text.textContent = template.replace('{read}', String(v.progress.rowsRead)).replace('{total}', String(v.progress.rowsTotal));
      }
    } catch {
      /* offline for a moment: the next poll tries again */
    }
    setTimeout(poll, 1000);
  };
  setTimeout(poll, 1000);
}
