import { z } from 'zod';

/** Success body of the sync route (routes.ts); types exported for the browser's queue (src/islands/offline/). */
export const syncOutcome = z.enum(['applied', 'replayed', 'conflict', 'refused']);
export const syncResponse = z.object({
  results: z.array(
    z.object({
      id: z.string(),
      outcome: syncOutcome,
      /** In plain words, in the caller's language: what happened to the change. */
      message: z.string(),
      orderCode: z.string().nullable(),
    }),
  ),
});
export type SyncResponse = z.infer<typeof syncResponse>;
export type SyncOutcome = z.infer<typeof syncOutcome>;
