/**
 * One of two processes racing on the same orders (tests/integration/ledger-concurrency-processes.test.ts):
 * `node tests/helpers/ledger-race-worker.ts <plan.json>` with the test database's env. Says "ready", waits
 * for a line on stdin so both start together, then confirms, pays and fulfils every WhatsApp order and
 * delivers every card order's signed webhooks and fulfilment, shuffled, for a number of rounds, and a last
 * pass in order. A transition the other process already made is refused (409 orders.badTransition) and is
 * expected; any other error fails the run. Prints one JSON line: { ok, expected, unexpected }.
 */
import fs from 'node:fs';
import { once } from 'node:events';

export interface RacePlan {
  shopId: string;
  rounds: number;
  whatsapp: string[];
  card: { orderId: string; webhooks: { body: string; signature: string }[] }[];
}

const plan = JSON.parse(fs.readFileSync(process.argv[2]!, 'utf8')) as RacePlan;
const { inShop } = await import('#server/tenant/index.ts');
const { confirmOrder } = await import('#server/orders/confirm-order.ts');
const { markOrderPaid } = await import('#server/orders/mark-order-paid.ts');
const { fulfilOrder } = await import('#server/orders/fulfil-order.ts');
const { handleStripeWebhook } = await import('#server/payments/stripe/handle-webhook.ts');
const { AppError } = await import('#server/errors.ts');
const { closeDb } = await import('#server/db/index.ts');

const actor = { kind: 'user' as const, userId: null };
const step = (fn: typeof confirmOrder, orderId: string) => () => inShop(plan.shopId, (scope) => fn(scope, { orderId, actor }));
const forOrder = (orderId: string) => [step(confirmOrder, orderId), step(markOrderPaid, orderId), step(fulfilOrder, orderId)];
const webhooks = (c: RacePlan['card'][number]) => c.webhooks.map((w) => () => handleStripeWebhook(w.body, w.signature));
const all = [...plan.whatsapp.flatMap(forOrder), ...plan.card.flatMap((c) => [...webhooks(c), step(fulfilOrder, c.orderId)])];

let expected = 0;
const unexpected: string[] = [];
async function run(op: () => Promise<unknown>) {
  try {
    await op();
  } catch (e) {
    if (e instanceof AppError && e.messageKey === 'orders.badTransition') expected++;
    else unexpected.push(String((e as Error)?.stack ?? e).slice(0, 500));
  }
}

process.stdout.write('ready\n');
await once(process.stdin, 'data');
for (let r = 0; r < plan.rounds; r++) {
  const ops = [...all];
  for (let i = ops.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [ops[i], ops[j]] = [ops[j]!, ops[i]!];
  }
  await Promise.all(ops.map(run));
}
for (const op of all) await run(op);
await closeDb();
process.stdout.write(`${JSON.stringify({ ok: unexpected.length === 0, expected, unexpected })}\n`);
