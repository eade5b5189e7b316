import { openDB, type DBSchema, type IDBPDatabase } from 'idb';

/** Cache names of /sw.js (scripts/service-worker.ts, whose functions are serialised, so they are repeated here). */
export const CACHES = { dashboard: 'etalase-dashboard', public: 'etalase-public', images: 'etalase-images' } as const;

export type ChangeState = 'waiting' | 'conflict' | 'refused';

/** A change made on this device, waiting to be sent (or answered with a conflict / refusal to show). */
export interface QueuedChange {
  /** Made on the device; also the id the server applies the change under, exactly once. */
  id: string;
  /** Whose change it is: a shared phone shows and sends each person's changes only to them. */
  userId: string;
  shop: string;
  /** Sort key: when it was made, then its id. */
  order: string;
  state: ChangeState;
  label: string;
  message: string;
  change: Record<string, unknown>;
}

/** A customer's order placed while offline: the checkout form's fields, posted again when the network is back. */
export interface KeptOrder {
  id: string;
  action: string;
  fields: [string, string][];
  keptAt: string;
}

interface OfflineDb extends DBSchema {
  changes: { key: string; value: QueuedChange; indexes: { byOwner: [string, string, string] } };
  orders: { key: string; value: KeptOrder };
}

let opened: Promise<IDBPDatabase<OfflineDb>> | null = null;

export function offlineDb(): Promise<IDBPDatabase<OfflineDb>> {
  opened ??= openDB<OfflineDb>('etalase-offline', 1, {
    upgrade(db) {
      db.createObjectStore('changes', { keyPath: 'id' }).createIndex('byOwner', ['userId', 'shop', 'order']);
      db.createObjectStore('orders', { keyPath: 'id' });
    },
  });
  return opened;
}

/** This person's changes for one shop, or for every shop when `shop` is empty (the dashboard's shop list). */
export async function changesOf(userId: string, shop: string): Promise<QueuedChange[]> {
  const db = await offlineDb();
  const range = shop
    ? IDBKeyRange.bound([userId, shop, ''], [userId, shop, '\uffff'])
    : IDBKeyRange.bound([userId, '', ''], [userId, '\uffff', '\uffff']);
  return db.getAllFromIndex('changes', 'byOwner', range);
}

export function newChangeId(): string {
  return crypto.randomUUID();
}

export async function registerWorker(): Promise<void> {
  if (!('serviceWorker' in navigator)) return;
  await navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => undefined);
}

const rupiah = new Intl.NumberFormat('id-ID', { style: 'currency', currency: 'IDR', minimumFractionDigits: 0, maximumFractionDigits: 0 });
export const formatRupiah = (n: number) => rupiah.format(n).replace(/\u00a0/g, ' ');

export const fill = (text: string, params: Record<string, string | number>) =>
  text.replace(/\{(\w+)\}/g, (m, k: string) => String(params[k] ?? m));
