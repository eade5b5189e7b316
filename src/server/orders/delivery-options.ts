import { z } from 'zod';
import type { DeliveryMethod } from '../db/schema.ts';

/**
 * The shop's delivery options, from `shops.profile` JSON key `delivery` (edited on the catalog branch's
 * profile page): `{ pickup, local: { enabled, fee }, courier }`. Absent or unreadable: pickup and courier.
 * The courier fee is not known up front; the shop agrees it with the buyer in the WhatsApp chat.
 */
export interface DeliveryOptions {
  pickup: boolean;
  local: { enabled: boolean; fee: number };
  courier: boolean;
}

const DEFAULT: DeliveryOptions = { pickup: true, local: { enabled: false, fee: 0 }, courier: true };

const schema = z.object({
  pickup: z.boolean().optional(),
  local: z.object({ enabled: z.boolean().optional(), fee: z.number().int().min(0).max(10_000_000).optional() }).optional(),
  courier: z.boolean().optional(),
});

export function deliveryOptions(profileJson: string | null | undefined): DeliveryOptions {
  let raw: unknown;
  try {
    raw = JSON.parse(profileJson || '{}');
  } catch {
    return DEFAULT;
  }
  const d = raw && typeof raw === 'object' ? (raw as Record<string, unknown>).delivery : undefined;
  if (d === undefined) return DEFAULT;
  const parsed = schema.safeParse(d);
  if (!parsed.success) return DEFAULT;
  const opts: DeliveryOptions = {
    pickup: parsed.data.pickup ?? false,
    local: { enabled: parsed.data.local?.enabled ?? false, fee: parsed.data.local?.fee ?? 0 },
    courier: parsed.data.courier ?? false,
  };
  // A shop that switched everything off still has to hand the goods over somehow.
  if (!opts.pickup && !opts.local.enabled && !opts.courier) opts.pickup = true;
  return opts;
}

export function availableMethods(o: DeliveryOptions): DeliveryMethod[] {
  return [
    ...(o.pickup ? ['pickup' as const] : []),
    ...(o.local.enabled ? ['local' as const] : []),
    ...(o.courier ? ['courier' as const] : []),
  ];
}

export function deliveryFee(o: DeliveryOptions, method: DeliveryMethod): number {
  return method === 'local' ? o.local.fee : 0;
}
