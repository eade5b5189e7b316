import { z } from 'zod';

/** Success body of the program summary route (routes.ts). */
export const programSummaryResponse = z.object({
  programs: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      slug: z.string(),
      timezone: z.string(),
      shopCount: z.number().int(),
      villages: z.array(z.object({ id: z.string(), name: z.string(), district_name: z.string(), shops: z.number().int() })),
    }),
  ),
});
export type ProgramSummaryResponse = z.infer<typeof programSummaryResponse>;
