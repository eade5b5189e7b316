import { BIND_KEYS } from '../facts.ts';

/**
 * Every text the studio island writes itself. The page translates exactly these keys (id or en) and hands
 * them over as JSON; the island never carries a language of its own.
 */
export const STUDIO_MESSAGE_KEYS = [
  'brand.saved',
  'brand.saving',
  'brand.autosaved',
  'brand.error',
  'brand.offline',
  'brand.requestFailed',
  'brand.factsSaved',
  'brand.restore',
  'brand.restored',
  'brand.versionLine',
  'brand.boundFact',
  'brand.missingTitle',
  'brand.missingNone',
  'brand.lock',
  'brand.unlock',
  'brand.hide',
  'brand.show',
  'brand.layerUp',
  'brand.layerDown',
  'brand.rename',
  'brand.boundLayer',
  'brand.new.businessName',
  'brand.new.text',
  'brand.new.rect',
  'brand.new.circle',
  'brand.new.triangle',
  'brand.new.line',
  'brand.new.group',
  'brand.new.copy',
  'brand.missing.productName',
  'brand.missing.composition',
  'brand.missing.netWeight',
  'brand.missing.producerName',
  'brand.missing.producerAddress',
  'brand.missing.registration',
  'brand.missing.registrationFormat',
  'brand.missing.productionCode',
  'brand.missing.expiry',
  ...BIND_KEYS.map((k) => `brand.fact.${k}` as const),
] as const;
export type StudioMessageKey = (typeof STUDIO_MESSAGE_KEYS)[number];
export type StudioMessages = Record<StudioMessageKey, string>;
export type Msg = (key: StudioMessageKey, params?: Record<string, string | number>) => string;

/** The island's translator over the messages the page passed; an unknown key shows as itself. */
export function messenger(messages: Partial<Record<string, string>>): Msg {
  return (key, params = {}) => (messages[key] ?? key).replace(/\{(\w+)\}/g, (_, n: string) => String(params[n] ?? ''));
}

/** The page side: the studio's messages in one language, from any translator. */
export function studioMessages(t: (key: string) => string): StudioMessages {
  return Object.fromEntries(STUDIO_MESSAGE_KEYS.map((k) => [k, t(k)])) as StudioMessages;
}
