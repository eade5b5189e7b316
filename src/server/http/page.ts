import type { AstroGlobal } from 'astro';
import { AppError, Invalid, NotFound, Unauthorized, type FieldErrors } from '../errors.ts';
import { PAGE_CAPABILITIES, requireShopAccess, requireProgramAccess, type ShopAccess } from '../auth/access.ts';
import { t } from '#i18n/index.ts';

/** The page for an app error: sign-in redirect, the 404/403 page, or null for a form to re-render. */
export async function pageError(Astro: AstroGlobal, err: unknown): Promise<Response> {
  if (err instanceof Unauthorized) {
    const next = Astro.url.pathname + Astro.url.search;
    return Astro.redirect(`/masuk?next=${encodeURIComponent(next)}`, 303);
  }
  // A form POST whose body was already read cannot be rewritten as itself (Astro refuses): show the page as a GET.
  // The query goes along: the locale step reads `?lang=en` again on the rewritten request.
  const to = (page: string) => {
    const path = page + Astro.url.search;
    return Astro.request.bodyUsed ? new Request(new URL(path, Astro.url), { headers: Astro.request.headers }) : path;
  };
  if (err instanceof NotFound) return await Astro.rewrite(to('/404'));
  if (err instanceof AppError && err.status === 403) return await Astro.rewrite(to('/403'));
  throw err;
}

/**
 * Guard for a shop dashboard page: the capability is looked up by the page's route pattern, so a
 * page that is missing from DASHBOARD_PAGES (dashboard-pages.ts) fails closed (and the access test names it).
 */
export async function guardShopPage(Astro: AstroGlobal): Promise<ShopAccess | Response> {
  const capability = PAGE_CAPABILITIES[Astro.routePattern];
  try {
    if (!capability) throw new NotFound();
    const auth = await Astro.locals.auth();
    return await requireShopAccess(auth?.user ?? null, Astro.params.shop ?? '', capability);
  } catch (err) {
    return await pageError(Astro, err);
  }
}

export async function guardSignedIn(Astro: AstroGlobal) {
  const auth = await Astro.locals.auth();
  if (!auth) return await pageError(Astro, new Unauthorized());
  return auth;
}

export async function guardProgramPage(Astro: AstroGlobal) {
  const capability = PAGE_CAPABILITIES[Astro.routePattern];
  try {
    if (!capability) throw new NotFound();
    const auth = await Astro.locals.auth();
    if (!auth) throw new Unauthorized();
    const access = await requireProgramAccess(auth.user, capability);
    return { ...access, user: auth.user, session: auth.session };
  } catch (err) {
    return await pageError(Astro, err);
  }
}

/** Run a form action; Invalid becomes field errors for the form (status 400), other errors their page. */
export async function formAction<T>(
  Astro: AstroGlobal,
  fn: () => Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; errors: FieldErrors; message: string; response?: Response }> {
  try {
    return { ok: true, value: await fn() };
  } catch (err) {
    const locale = Astro.locals.locale;
    if (err instanceof Invalid) {
      Astro.response.status = 400;
      const errors = Object.fromEntries(Object.entries(err.fields).map(([k, v]) => [k, v.map((m) => t(locale, m))]));
      return { ok: false, errors, message: t(locale, err.messageKey, err.params) };
    }
    if (err instanceof AppError && (err.status === 429 || err.status === 409 || err.status === 413 || err.status === 422)) {
      Astro.response.status = err.status;
      return { ok: false, errors: {}, message: t(locale, err.messageKey, err.params) };
    }
    return { ok: false, errors: {}, message: '', response: await pageError(Astro, err) };
  }
}

/**
 * A form with several buttons: run the handler its `action` field names. Any other value is refused
 * like a bad field (400), so the page and a crafted POST cannot reach an action the page does not offer.
 */
export async function byAction<T>(form: FormData, handlers: Record<string, () => Promise<T>>): Promise<T> {
  const action = String(form.get('action') ?? '');
  if (!Object.hasOwn(handlers, action)) throw new Invalid({ action: ['validation.choice'] });
  return handlers[action]!();
}
