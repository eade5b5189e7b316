import * as fabric from 'fabric';
import { boundText, MISSING_FIELD, missingFacts, PLACEHOLDER_FILL, type LabelFacts } from '../facts.ts';
import { FACT_FILL, fitText } from '../render.ts';
import { ApiError } from './api.ts';
import type { DesignDocument } from './document.ts';
import type { StudioMessageKey } from './messages.ts';
import type { Obj, Studio } from './state.ts';

const FORM_FIELDS = [
  'netWeight',
  'composition',
  'producerName',
  'producerAddress',
  'registrationKind',
  'registrationNumber',
  'productionCode',
  'expiryDate',
] as const;

const errorText = (ex: unknown) => (ex instanceof ApiError ? ex.text : (ex as Error).message);

/**
 * The label facts panel: what is still missing before printing, the product the label belongs to, its facts
 * and the shop's certificates. Saved facts are bound into the label's text, QR and halal mark at once.
 */
export function setupLabelFacts(s: Studio, doc: DesignDocument): { fillForm(): void } {
  const { canvas, state, msg, init, root } = s;
  const missingEl = s.$('#missing');
  const factsForm = s.$<HTMLFormElement>('#facts-form');
  const productSel = s.$<HTMLSelectElement>('#fact-productId');

  /** The missing list at the top of the studio, each linked to its field; printing is offered only without gaps. */
  function renderMissing() {
    if (!missingEl) return;
    const list = missingFacts(state.facts);
    for (const a of root.querySelectorAll<HTMLElement>('[data-print]')) a.hidden = list.length > 0;
    const blocked = s.$('#print-blocked');
    if (blocked) blocked.hidden = list.length === 0;
    if (!list.length) {
      missingEl.className = 'missing ok';
      missingEl.textContent = msg('brand.missingNone');
      return;
    }
    missingEl.className = 'missing warn';
    const ul = document.createElement('ul');
    for (const k of list) {
      const li = document.createElement('li');
      const a = document.createElement('a');
      a.href = `#fact-${MISSING_FIELD[k] ?? 'productId'}`;
      a.textContent = msg(k as StudioMessageKey);
      li.append(a);
      ul.append(li);
    }
    const p = document.createElement('strong');
    p.textContent = msg('brand.missingTitle');
    missingEl.replaceChildren(p, ul);
  }
  function fillForm() {
    if (!factsForm) return;
    const f = factsForm.elements as unknown as Record<string, HTMLInputElement>;
    for (const k of FORM_FIELDS) if (f[k]) f[k].value = String(state.facts[k] ?? '');
    if (f.registrationKind && !state.facts.registrationKind) f.registrationKind.value = 'pirt';
  }
  function rebind() {
    for (const o of canvas.getObjects() as Obj[]) rebindOne(o, state.facts);
    canvas.requestRenderAll();
    renderMissing();
  }

  productSel?.addEventListener('change', () => {
    const base = init.factsByProduct[productSel.value];
    state.facts = base ? { ...base } : { ...state.facts, productName: '', shortUrl: '' };
    fillForm();
    rebind();
    doc.snapshot();
  });
  factsForm?.addEventListener('submit', async (e) => {
    e.preventDefault();
    const err = s.$('#facts-error')!;
    err.textContent = '';
    const id = productSel?.value;
    if (!id) {
      err.textContent = msg('brand.missing.productName');
      return;
    }
    try {
      const r = await s.api.saveLabelFacts(id, Object.fromEntries(new FormData(factsForm)) as Record<string, string>);
      state.facts = r.facts;
      init.factsByProduct[id] = r.facts;
      rebind();
      doc.snapshot();
      s.setStatus(msg('brand.factsSaved'));
    } catch (ex) {
      err.textContent = errorText(ex);
    }
  });
  s.$<HTMLFormElement>('#cert-form')?.addEventListener('submit', async (e) => {
    e.preventDefault();
    const err = s.$('#cert-error')!;
    err.textContent = '';
    try {
      const r = await s.api.saveCertifications(Object.fromEntries(new FormData(e.target as HTMLFormElement)) as Record<string, string>);
      state.facts = { ...state.facts, halalNumber: r.halalNumber };
      for (const f of Object.values(init.factsByProduct)) f.halalNumber = r.halalNumber;
      rebind();
      s.setStatus(msg('brand.factsSaved'));
    } catch (ex) {
      err.textContent = errorText(ex);
    }
  });
  // Rebinding also redraws the missing list: a fact added from the toolbar shows its placeholder at once.
  s.views.missing = rebind;
  return { fillForm };
}

function rebindOne(o: Obj, facts: LabelFacts) {
  if (o instanceof fabric.Group) for (const c of o.getObjects() as Obj[]) rebindOne(c, facts);
  const key = o.factKey;
  if (!key) return;
  if (key === 'halal') o.visible = !!facts.halalNumber;
  else if (key === 'qr') {
    (o as Obj & { qrText: string }).qrText = facts.shortUrl || 'https://etalase';
    o.dirty = true;
  } else if (o instanceof fabric.Textbox) {
    const b = boundText(key, facts);
    if (!b) return;
    const t = o as fabric.Textbox & { [FACT_FILL]?: unknown };
    if (b.placeholder && t[FACT_FILL] === undefined) {
      t[FACT_FILL] = t.fill;
      t.set('fill', PLACEHOLDER_FILL);
    } else if (!b.placeholder && t[FACT_FILL] !== undefined) {
      t.set('fill', t[FACT_FILL] as string);
      delete t[FACT_FILL];
    }
    t.set('text', b.text);
    fitText(t);
  }
}
