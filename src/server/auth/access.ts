import { findShopBySlug, memberRole, type PublicShop } from '../tenant/cross-shop.ts';
import { programsOfOfficer } from '../tenant/accounts.ts';
import { Forbidden, NotFound, Unauthorized } from '../errors.ts';
import type { SessionUser } from './session.ts';
import type { ShopRole } from '../db/schema.ts';
import { DASHBOARD_PAGES } from '../http/dashboard-pages.ts';

/**
 * The role × capability matrix. Routes name a capability; this table says which roles hold it.
 * README's "Who may do what" table and the access tests are generated from it.
 */
export const ROLES = ['owner', 'staff', 'officer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const CAPABILITIES = {
  'shop.view': { roles: ['owner', 'staff'], en: 'Open the shop dashboard', id: 'Membuka dasbor toko' },
  'shop.edit': { roles: ['owner'], en: 'Edit the shop profile', id: 'Mengubah profil toko' },
  'staff.manage': {
    roles: ['owner'],
    en: 'Invite and remove staff, issue staff reset links',
    id: 'Mengundang dan mengeluarkan staf, membuat tautan reset staf',
  },
  'audit.view': { roles: ['owner'], en: 'Read the audit log', id: 'Membaca log audit' },
  'products.view': { roles: ['owner', 'staff'], en: 'See products and stock', id: 'Melihat produk dan stok' },
  'products.edit': { roles: ['owner', 'staff'], en: 'Create and edit products', id: 'Membuat dan mengubah produk' },
  'products.cost': { roles: ['owner'], en: 'See and set unit costs (HPP)', id: 'Melihat dan mengisi HPP' },
  'orders.manage': { roles: ['owner', 'staff'], en: 'See and process orders', id: 'Melihat dan memproses pesanan' },
  'payments.manage': { roles: ['owner'], en: 'Change bank, QRIS and Stripe settings', id: 'Mengubah rekening, QRIS dan Stripe' },
  'brand.edit': { roles: ['owner', 'staff'], en: 'Design logos and labels', id: 'Mendesain logo dan label' },
  'brand.publish': { roles: ['owner'], en: 'Publish the brand kit to the shop', id: 'Menerbitkan kit merek ke toko' },
  'reports.profit': { roles: ['owner'], en: 'See profit and financial reports', id: 'Melihat laba dan laporan keuangan' },
  'program.view': { roles: ['officer', 'admin'], en: 'See program-wide figures', id: 'Melihat angka seluruh program' },
  'program.registry': {
    roles: ['officer', 'admin'],
    en: 'Register shops, keep their business facts, licences and baselines, issue claim links',
    id: 'Mendaftarkan toko, mengisi data usaha, izin dan penjualan awal, membuat tautan klaim',
  },
  'program.targets': { roles: ['officer', 'admin'], en: "Set the program's targets", id: 'Mengatur target program' },
} as const satisfies Record<string, { roles: readonly Role[]; en: string; id: string }>;
export type Capability = keyof typeof CAPABILITIES;

/** Capability of every page under /dashboard/[shop] and /program, keyed by Astro's route pattern (declared in dashboard-pages.ts). */
export const PAGE_CAPABILITIES: Record<string, Capability> = Object.fromEntries(
  Object.entries(DASHBOARD_PAGES).map(([pattern, page]) => [pattern, page.capability]),
);

export function roleHas(role: Role, capability: Capability): boolean {
  return (CAPABILITIES[capability].roles as readonly Role[]).includes(role);
}

/**
 * Inside a use case: the caller's role must hold the capability (403). Pages and API routes check it
 * at the door as well; this makes the action refuse the same way whoever calls it.
 */
export function requireCapability(role: Role, capability: Capability): void {
  if (!roleHas(role, capability)) throw new Forbidden();
}

export interface ShopAccess {
  shop: PublicShop;
  role: ShopRole;
  user: SessionUser;
}

/**
 * Resolve a dashboard or API route's shop and check the signed-in user's right to it.
 * Not a member (including officers and other shops' owners): 404, so a foreign shop's
 * existence is not confirmed. A member whose role lacks the capability: 403.
 */
export async function requireShopAccess(user: SessionUser | null, slug: string, capability: Capability): Promise<ShopAccess> {
  if (!user) throw new Unauthorized();
  const shop = await findShopBySlug(slug);
  if (!shop) throw new NotFound();
  const role = await memberRole(shop.id, user.id);
  if (!role) throw new NotFound();
  if (!roleHas(role, capability)) throw new Forbidden();
  return { shop, role, user };
}

/** Program-level roles: officer of a program, or platform admin. Returns the programs the user may read. */
export async function programRole(user: SessionUser): Promise<{ admin: boolean; programIds: string[] }> {
  return { admin: user.is_admin === 1, programIds: await programsOfOfficer(user.id) };
}

export async function requireProgramAccess(user: SessionUser | null, capability: Capability, programId?: string) {
  if (!user) throw new Unauthorized();
  const { admin, programIds } = await programRole(user);
  const role: Role | null = admin ? 'admin' : programIds.length > 0 ? 'officer' : null;
  if (!role || !roleHas(role, capability)) throw new NotFound();
  if (programId && !admin && !programIds.includes(programId)) throw new NotFound();
  return { role, admin, programIds };
}
