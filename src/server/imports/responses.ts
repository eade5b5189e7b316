import { z } from 'zod';
import { IMPORT_FIELDS, MARKETPLACES } from './marketplace-file.ts';

/** Success bodies of the marketplace import routes (routes.ts); types exported for browser code. No cost or profit: staff read them. */
const rupiah = z.number().int();
const count = z.number().int().min(0);
const badRow = z.object({ line: count, reason: z.string().describe('i18n key'), message: z.string() });
const unmatched = z.object({
  key: z.string().describe('Product key to map (`sku:…` or `name:…|…`)'),
  sku: z.string(),
  name: z.string(),
  variation: z.string(),
  lines: count,
});

export const importPreviewSchema = z.object({
  rows: count,
  badRowCount: count,
  badRows: z.array(badRow).describe('At most 500; badRowCount is complete'),
  duplicateRows: count,
  orders: z.object({ total: count, new: count, known: count, statusChanges: count, waitingForMapping: count }),
  totals: z
    .object({ orders: count, lines: count, gross: rupiah, fees: rupiah, net: rupiah })
    .describe('New orders only: gross sales, marketplace fees (once per order), net'),
  unmatched: z.array(unmatched),
});

export const importRunResponse = z.object({
  id: z.string(),
  marketplace: z.enum(MARKETPLACES),
  fileName: z.string(),
  status: z.enum(['previewed', 'running', 'done', 'failed']),
  createdAt: z.string(),
  progress: z.object({ rowsRead: count, rowsTotal: count, ordersDone: count, percent: z.number().int().min(0).max(100) }),
  preview: importPreviewSchema,
  result: z
    .object({
      rows: count,
      badRowCount: count,
      badRows: z.array(badRow),
      duplicateRows: count,
      orders: z.object({ created: count, updated: count, unchanged: count, unmatched: count, conflict: count }),
      unmatched: z.array(unmatched),
    })
    .nullable(),
  error: z.string().nullable().describe('Why the run failed, in the caller’s language'),
});
export type ImportRunResponse = z.output<typeof importRunResponse>;

const columns = z.object(
  Object.fromEntries(IMPORT_FIELDS.map((f) => [f, z.string().optional()])) as Record<
    (typeof IMPORT_FIELDS)[number],
    z.ZodOptional<z.ZodString>
  >,
);
export const columnMappingsResponse = z.object({
  mappings: z.array(z.object({ name: z.string(), columns, updatedAt: z.string() })),
});
export const columnMappingResponse = z.object({ name: z.string() });
export const productMappingResponse = z.object({ key: z.string() });
export const payoutResponse = z.object({
  recorded: z.boolean(),
  entryId: z.string().nullable(),
  day: z.string(),
  /** Rupiah of this payout already seen in exports' released amounts within `matchDays` days: not posted again. */
  matched: z.number().int(),
  matchDays: z.number().int(),
});
