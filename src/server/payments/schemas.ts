import { z } from 'zod';

const checkbox = z
  .string()
  .optional()
  .transform((v) => v === '1' || v === 'on' || v === 'true');

export const paymentSettingsInput = z
  .object({
    bankName: z.string().trim().max(60).default(''),
    bankAccountNumber: z
      .string()
      .trim()
      .max(40)
      .default('')
      .refine((v) => !v || (/^[0-9][0-9 .-]*[0-9]$/.test(v) && v.replace(/\D/g, '').length >= 5 && v.replace(/\D/g, '').length <= 30), {
        error: 'paySettings.accountNumberFormat',
      })
      .transform((v) => v.replace(/\D/g, '')),
    bankAccountHolder: z.string().trim().max(80).default(''),
    acceptWhatsapp: checkbox,
    acceptTransfer: checkbox,
    removeQris: checkbox,
    password: z.string().min(1, { error: 'validation.required' }).max(200),
  })
  .superRefine((v, ctx) => {
    const filled = [v.bankName, v.bankAccountNumber, v.bankAccountHolder].filter(Boolean).length;
    if (filled > 0 && filled < 3) {
      for (const [k, val] of [
        ['bankName', v.bankName],
        ['bankAccountNumber', v.bankAccountNumber],
        ['bankAccountHolder', v.bankAccountHolder],
      ] as const) {
        if (!val) ctx.addIssue({ code: 'custom', path: [k], message: 'paySettings.bankIncomplete' });
      }
    }
  });
export type PaymentSettingsInput = z.output<typeof paymentSettingsInput>;
