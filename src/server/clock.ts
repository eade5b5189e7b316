import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The time the server acts at: the real clock, or, inside `actAt`, a clock set back (the demo seed
 * records six months of history through the same use cases a merchant calls, each at its own day).
 * The simulated clock keeps running from where it was set, so events of one call stay in order.
 */
const offset = new AsyncLocalStorage<number>();

export function currentMs(): number {
  return Date.now() + (offset.getStore() ?? 0);
}

export function currentTime(): Date {
  return new Date(currentMs());
}

/** Runs fn with the clock reading `at` when it starts; everything fn awaits sees that clock. */
export function actAt<T>(at: Date, fn: () => Promise<T>): Promise<T> {
  return offset.run(at.getTime() - Date.now(), fn);
}
