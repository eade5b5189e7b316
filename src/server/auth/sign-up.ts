import { insertUser, usersWithLogin } from '../tenant/accounts.ts';
import { Invalid } from '../errors.ts';
import { newId, nowIso } from '../util.ts';
import { hashPassword } from './password.ts';
import { createSession } from './session.ts';
import type { SignUpInput } from './schemas.ts';

export async function signUp(input: SignUpInput) {
  const taken = await usersWithLogin(input);
  const fields: Record<string, string[]> = {};
  if (input.email && taken.some((r) => r.email === input.email)) fields.email = ['auth.emailTaken'];
  if (input.phone && taken.some((r) => r.phone === input.phone)) fields.phone = ['auth.phoneTaken'];
  if (Object.keys(fields).length) throw new Invalid(fields);

  const id = newId();
  await insertUser({
    id,
    name: input.name,
    email: input.email,
    phone: input.phone,
    password_hash: await hashPassword(input.password),
    locale: input.locale ?? 'id',
    created_at: nowIso(),
  });
  return { userId: id, ...(await createSession(id)) };
}
