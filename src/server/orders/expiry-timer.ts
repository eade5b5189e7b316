import { expireOrders } from './expire-orders.ts';
import { lapseDueOrderHolds } from './lapse-order-holds.ts';

let started = false;

/**
 * Run the hold-lapse and expiry sweeps every minute in this server process. Started lazily by the middleware on the
 * first request (so scripts and tests that import the app do not start it); unref'd so it never keeps
 * the process alive. Several app servers may all sweep: each expiry is re-checked in its own transaction.
 */
export function startOrderExpiryTimer(intervalMs = 60_000): void {
  if (started) return;
  started = true;
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      await lapseDueOrderHolds();
      await expireOrders();
    } catch (err) {
      console.error('[etalase] order expiry sweep failed', err);
    } finally {
      running = false;
    }
  };
  setTimeout(tick, 5_000).unref();
  setInterval(tick, intervalMs).unref();
}
