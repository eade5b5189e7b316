import type { DesignDocument } from './document.ts';
import type { Studio } from './state.ts';

/** The version history panel: lists versions when opened, restores one as a new version. */
export function setupVersions(s: Studio, doc: DesignDocument): void {
  const { state, msg } = s;
  const panel = s.$<HTMLDetailsElement>('#versions-panel');
  const list = s.$('#versions');
  const isOpen = () => !!panel?.open;
  const lang = document.documentElement.lang === 'en' ? 'en-GB' : 'id-ID';

  async function render() {
    if (!list) return;
    const r = await s.api.versions(state.design.id);
    list.replaceChildren(
      ...r.versions.map((v) => {
        const li = document.createElement('li');
        const label = document.createElement('span');
        const when = new Date(v.createdAt).toLocaleString(lang, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Makassar' });
        label.textContent = msg('brand.versionLine', { version: v.version, when, author: v.author ?? '' });
        li.append(label);
        if (v.version !== r.current) {
          const b = document.createElement('button');
          b.type = 'button';
          b.className = 'secondary small-btn';
          b.textContent = msg('brand.restore');
          b.addEventListener(
            'click',
            () =>
              void s.queue.serial(async () => {
                const res = await s.api.restore(state.design.id, { version: v.version });
                state.design = { ...state.design, version: res.version };
                await doc.load(res.doc);
                doc.resetBaseline();
                doc.clearDraft();
                s.setStatus(msg('brand.restored', { version: v.version }));
                void render();
              }),
          );
          li.append(' ', b);
        }
        return li;
      }),
    );
  }
  s.views.versions = () => {
    if (isOpen()) void render();
  };
  panel?.addEventListener('toggle', () => {
    if (isOpen()) void render();
  });
}
