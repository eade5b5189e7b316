/**
 * Message modules per area. Each exports `id` (Bahasa Indonesia, `as const`) and
 * `en: Record<keyof typeof id, string>`, so a missing English text is a type error.
 * Add a module with one import and one entry here.
 */
import * as brand from './brand.ts';

export interface AreaMessages { id: Record<string, string>; en: Record<string, string> }

export const AREAS: AreaMessages[] = [brand];
