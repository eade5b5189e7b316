import { z } from 'zod';
import { normalizeIndonesianPhone } from '../shops/phone.ts';

export const phoneField = z
  .string()
  .trim()
  .min(1, { error: 'validation.required' })
  .transform((v, ctx) => {
    const n = normalizeIndonesianPhone(v);
    if (!n) {
      ctx.addIssue({ code: 'custom', message: 'phone.invalid' });
      return z.NEVER;
    }
    return n;
  });

export const optionalPhone = z
  .string()
  .trim()
  .optional()
  .transform((v, ctx) => {
    if (!v) return null;
    const n = normalizeIndonesianPhone(v);
    if (!n) {
      ctx.addIssue({ code: 'custom', message: 'phone.invalid' });
      return z.NEVER;
    }
    return n;
  });

export const optionalEmail = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .optional()
  .transform((v, ctx) => {
    if (!v) return null;
    if (!z.email().safeParse(v).success) {
      ctx.addIssue({ code: 'custom', message: 'validation.email' });
      return z.NEVER;
    }
    return v;
  });

export const newPassword = z.string().min(8, { error: 'auth.passwordTooShort' }).max(200, { error: 'auth.passwordTooLong' });

export const signUpInput = z
  .object({
    name: z.string().trim().min(1, { error: 'validation.required' }).max(100),
    email: optionalEmail,
    phone: optionalPhone,
    password: newPassword,
    locale: z.enum(['id', 'en']).optional(),
  })
  .superRefine((v, ctx) => {
    if (!v.email && !v.phone) ctx.addIssue({ code: 'custom', path: ['email'], message: 'auth.emailOrPhone' });
  });
export type SignUpInput = z.output<typeof signUpInput>;

export const signInInput = z.object({
  identifier: z.string().trim().min(1, { error: 'validation.required' }).max(254),
  password: z.string().min(1, { error: 'validation.required' }).max(200),
});
export type SignInInput = z.output<typeof signInInput>;

export const changePasswordInput = z.object({
  currentPassword: z.string().min(1, { error: 'validation.required' }).max(200),
  newPassword,
});

export const resetPasswordInput = z.object({ newPassword });

/** The account page's contact form: the new email and phone (one of them at least) and the current password. */
export const changeContactInput = z
  .object({
    email: optionalEmail,
    phone: optionalPhone,
    password: z.string().max(200).default(''),
  })
  .superRefine((v, ctx) => {
    if (!v.email && !v.phone) ctx.addIssue({ code: 'custom', path: ['email'], message: 'auth.emailOrPhone' });
  });
export type ChangeContactInput = z.output<typeof changeContactInput>;

/** "Lupa kata sandi": the email the account signs in with. */
export const forgotPasswordInput = z.object({
  email: z
    .string()
    .trim()
    .toLowerCase()
    .max(254)
    .pipe(z.email({ error: 'validation.email' })),
});
