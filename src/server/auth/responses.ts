import { z } from 'zod';

/** Success bodies of the auth routes (routes.ts); types exported for browser code. */
const resetNotice = z.object({ byName: z.string(), at: z.string() });

export const signUpResponse = z.object({ userId: z.string(), expiresAt: z.string() });
export const signInResponse = z.object({ userId: z.string(), expiresAt: z.string(), resetNotices: z.array(resetNotice) });
export const sessionUser = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  locale: z.string(),
  is_admin: z.number(),
});
export const memberShop = z.object({ id: z.string(), name: z.string(), slug: z.string(), role: z.enum(['owner', 'staff']) });
export const currentSessionResponse = z.object({ user: sessionUser, expiresAt: z.string(), shops: z.array(memberShop) });
export const issueResetResponse = z.object({
  url: z.string(),
  // An account without a phone number has no WhatsApp chat to open: the link is passed on another way.
  whatsappUrl: z.string().nullable(),
});

export type SignInResponse = z.infer<typeof signInResponse>;
export type CurrentSessionResponse = z.infer<typeof currentSessionResponse>;
export type IssueResetResponse = z.infer<typeof issueResetResponse>;
