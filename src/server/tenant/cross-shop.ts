/**
 * The named, legitimate readers that look across shops, split by concern. Anything that needs more than one
 * shop's rows goes through one of these modules (or accounts.ts / program.ts), so the list of cross-tenant
 * paths stays short and reviewable.
 */
export * from './shop-lookup.ts';
export * from './directory.ts';
export * from './members.ts';
export * from './maintenance.ts';
