import type { z } from 'zod';
import type { Locale } from '#i18n/index.ts';
import { t } from '#i18n/index.ts';
import { parseInput } from '../http/validate.ts';
import { TEMPLATES } from '#brand/templates/index.ts';
import { brandKitInput, createDesignInput } from './schemas.ts';

type Form = Record<string, unknown>;

/** The brand page's "new design" form (template radio `kind:templateId`, label size) as createDesign's input. */
export function designInputFromForm(form: Form, locale: Locale): z.output<typeof createDesignInput> {
  const [kind, templateId] = String(form.template ?? 'label:').split(':');
  const preset = String(form.preset ?? 'rect90x55');
  return parseInput(
    createDesignInput,
    {
      kind,
      name: String(form.name ?? '').trim() || (TEMPLATES.find((x) => x.id === templateId)?.name ?? t(locale, 'brand.new')),
      ...(templateId ? { templateId } : {}),
      ...(kind === 'label' && !templateId
        ? {
            preset,
            ...(preset === 'custom' ? { widthMm: Number(form.widthMm), heightMm: Number(form.heightMm), round: form.round === 'on' } : {}),
          }
        : {}),
      ...(form.productId ? { productId: String(form.productId) } : {}),
    },
    locale,
  );
}

/** The brand page's kit form (six colour slots, each with a "use" box) as saveBrandKit's input. */
export function kitInputFromForm(form: Form, locale: Locale): z.output<typeof brandKitInput> {
  const colors = [0, 1, 2, 3, 4, 5]
    .filter((i) => form[`use${i}`] === 'on')
    .map((i) => String(form[`color${i}`] ?? ''))
    .filter((c) => /^#[0-9a-fA-F]{6}$/.test(c));
  return parseInput(
    brandKitInput,
    {
      logoDesignId: form.logoDesignId ? String(form.logoDesignId) : null,
      colors,
      headingFont: String(form.headingFont ?? ''),
      bodyFont: String(form.bodyFont ?? ''),
      tagline: String(form.tagline ?? ''),
    },
    locale,
  );
}
