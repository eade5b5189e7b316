import http from 'node:http';
import type net from 'node:net';
import { randomBytes } from 'node:crypto';
import Stripe from 'stripe';

/**
 * A local stand-in for api.stripe.com, so tests never reach the internet: the real `stripe` SDK is
 * pointed at it (STRIPE_API_BASE=http://127.0.0.1:port). Implements the endpoints Etalase calls with
 * the JSON shapes Stripe answers, replays idempotent requests like Stripe does, and records every
 * request (form-decoded params, Stripe-Account header, idempotency key) for assertions.
 */
export interface StubRequest {
  method: string;
  path: string;
  /** Flat, as sent: `line_items[0][price_data][unit_amount]` → '2500000'. */
  form: Record<string, string>;
  /** The same, nested. */
  params: Record<string, any>;
  stripeAccount: string | undefined;
  idempotencyKey: string | undefined;
  apiVersion: string | undefined;
  authorization: string | undefined;
}

type Json = Record<string, any>;

const rand = (bytes = 12) => randomBytes(bytes).toString('hex');

export class StripeStub {
  url = '';
  readonly requests: StubRequest[] = [];
  readonly accounts = new Map<string, Json>();
  /** Checkout Sessions keyed by id; each remembers the connected account it was created on. */
  readonly sessions = new Map<string, Json & { _account: string | undefined }>();
  /** PaymentIntents, charges and balance transactions made when a session is paid, each on its account. */
  readonly paymentIntents = new Map<string, Json & { _account: string | undefined }>();
  readonly charges = new Map<string, Json & { _account: string | undefined }>();
  readonly balanceTransactions = new Map<string, Json & { _account: string | undefined }>();
  private readonly idempotent = new Map<string, { body: string; status: number; response: Json }>();
  private server: http.Server | undefined;
  /** Make the next N requests fail with a 500 (to check retries / error handling). */
  failNext = 0;
  /** Every request whose path matches fails with a 500 (Stripe down for that endpoint) until cleared. */
  failPaths: RegExp | null = null;
  /**
   * What the stub's Stripe charges on a card payment, in minor units: percent of the amount plus a fixed part,
   * and optionally tax on that fee as its own fee_details line. The stub's own numbers, not Stripe's price list.
   */
  feeModel = { percent: 2.9, fixed: 200_000, taxPercent: 0 };

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      void this.handle(req, res);
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server!.address() as net.AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }

  /** Environment for a server or an in-process config that should use this stub. */
  env(extra: Record<string, string> = {}): Record<string, string> {
    return { STRIPE_SECRET_KEY: STUB_SECRET_KEY, STRIPE_WEBHOOK_SECRET: STUB_WEBHOOK_SECRET, STRIPE_API_BASE: this.url, ...extra };
  }

  find(method: string, path: string | RegExp): StubRequest[] {
    return this.requests.filter((r) => r.method === method && (typeof path === 'string' ? r.path === path : path.test(r.path)));
  }

  /** What Stripe's onboarding would do: the account can now take charges. */
  completeOnboarding(accountId: string, chargesEnabled = true): Json {
    const a = this.accounts.get(accountId);
    if (!a) throw new Error(`no account ${accountId}`);
    Object.assign(a, { charges_enabled: chargesEnabled, details_submitted: true, payouts_enabled: chargesEnabled });
    return structuredClone(a);
  }

  /**
   * The session as Stripe would put it in checkout.session.* events once the customer has paid (or not).
   * Also makes its PaymentIntent and charge on the session's account; a paid one's charge has its balance
   * transaction unless `settled: false` (Stripe has not settled it yet: balance_transaction null until settleCharge).
   */
  completeSession(sessionId: string, paymentStatus: 'paid' | 'unpaid' = 'paid', opts: { settled?: boolean } = {}): Json {
    const s = this.sessions.get(sessionId);
    if (!s) throw new Error(`no session ${sessionId}`);
    Object.assign(s, { status: 'complete', payment_status: paymentStatus, payment_intent: s.payment_intent ?? `pi_${rand()}`, url: null });
    this.makePayment(s, paymentStatus === 'paid', opts.settled !== false);
    return publicCopy(s);
  }

  /** An asynchronous payment that succeeded later: the charge succeeds (not settled yet unless `settled`). */
  succeedPayment(sessionId: string, opts: { settled?: boolean } = {}): Json {
    const s = this.sessions.get(sessionId);
    if (!s) throw new Error(`no session ${sessionId}`);
    Object.assign(s, { payment_status: 'paid' });
    this.makePayment(s, true, opts.settled === true);
    return publicCopy(s);
  }

  private makePayment(s: Json & { _account: string | undefined }, succeeded: boolean, settled: boolean): void {
    const now = Math.floor(Date.now() / 1000);
    const piId = String(s.payment_intent);
    const appFee = s._applicationFee === undefined ? null : Number(s._applicationFee);
    let pi = this.paymentIntents.get(piId);
    if (!pi) {
      const chargeId = `ch_${rand()}`;
      pi = {
        id: piId,
        object: 'payment_intent',
        amount: s.amount_total,
        amount_received: 0,
        application_fee_amount: appFee,
        currency: s.currency,
        status: 'processing',
        latest_charge: chargeId,
        metadata: structuredClone(s._piMetadata ?? {}),
        created: now,
        livemode: false,
        _account: s._account,
      };
      this.paymentIntents.set(piId, pi);
      this.charges.set(chargeId, {
        id: chargeId,
        object: 'charge',
        amount: s.amount_total,
        amount_captured: 0,
        amount_refunded: 0,
        application_fee: null,
        application_fee_amount: appFee,
        balance_transaction: null,
        captured: false,
        currency: s.currency,
        metadata: structuredClone(s._piMetadata ?? {}),
        paid: false,
        payment_intent: piId,
        refunded: false,
        status: 'pending',
        created: now,
        livemode: false,
        _account: s._account,
      });
    }
    if (succeeded) {
      Object.assign(pi, { status: 'succeeded', amount_received: pi.amount });
      const c = this.charges.get(String(pi.latest_charge))!;
      Object.assign(c, {
        status: 'succeeded',
        paid: true,
        captured: true,
        amount_captured: c.amount,
        application_fee: appFee ? `fee_${rand()}` : null,
      });
      if (settled) this.settleCharge(c.id);
    }
  }

  /**
   * Stripe settles the charge: its balance transaction on the connected account, with fee_details as the API
   * reference shows them (stripe_fee, tax on it, and the platform's application_fee). Returns the charge as a
   * charge.updated event carries it (balance_transaction as an id).
   */
  settleCharge(chargeId: string): Json {
    const c = this.charges.get(chargeId);
    if (!c) throw new Error(`no charge ${chargeId}`);
    if (!c.balance_transaction) {
      const amount = Number(c.amount);
      const stripeFee = Math.round((amount * this.feeModel.percent) / 100) + this.feeModel.fixed;
      const tax = Math.round((stripeFee * this.feeModel.taxPercent) / 100);
      const details: Json[] = [
        { amount: stripeFee, application: null, currency: c.currency, description: 'Stripe processing fees', type: 'stripe_fee' },
      ];
      if (tax > 0) details.push({ amount: tax, application: null, currency: c.currency, description: 'VAT', type: 'tax' });
      if (c.application_fee_amount)
        details.push({
          amount: Number(c.application_fee_amount),
          application: 'ca_etalase_stub',
          currency: c.currency,
          description: 'Etalase application fee',
          type: 'application_fee',
        });
      const fee = details.reduce((sum, d) => sum + Number(d.amount), 0);
      const now = Math.floor(Date.now() / 1000);
      const id = `txn_${rand()}`;
      this.balanceTransactions.set(id, {
        id,
        object: 'balance_transaction',
        amount,
        available_on: now + 2 * 86400,
        created: now,
        currency: c.currency,
        description: null,
        exchange_rate: null,
        fee,
        fee_details: details,
        net: amount - fee,
        reporting_category: 'charge',
        source: c.id,
        status: 'pending',
        type: 'charge',
        _account: c._account,
      });
      c.balance_transaction = id;
    }
    return publicCopy(c);
  }

  /** The charge of a session's PaymentIntent, as charge.* events carry it. */
  chargeOf(sessionId: string): Json {
    const pi = this.paymentIntents.get(String(this.sessions.get(sessionId)?.payment_intent));
    if (!pi) throw new Error(`no payment for session ${sessionId}`);
    return publicCopy(this.charges.get(String(pi.latest_charge))!);
  }

  /** Refund (part of) a session's charge, as charge.refunded carries it; Stripe keeps its fees. */
  refundCharge(sessionId: string, amount?: number): Json {
    const c = this.charges.get(String(this.chargeOf(sessionId).id))!;
    const refunded = Math.min(Number(c.amount), Number(c.amount_refunded) + (amount ?? Number(c.amount)));
    Object.assign(c, { amount_refunded: refunded, refunded: refunded >= Number(c.amount) });
    return publicCopy(c);
  }

  expireSession(sessionId: string): Json {
    const s = this.sessions.get(sessionId);
    if (!s) throw new Error(`no session ${sessionId}`);
    Object.assign(s, { status: 'expired', url: null });
    return publicCopy(s);
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://stub');
    const flat = Object.fromEntries(new URLSearchParams(req.method === 'GET' ? url.search : body));
    const header = (n: string) => {
      const v = req.headers[n];
      return Array.isArray(v) ? v[0] : v;
    };
    const r: StubRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      form: flat,
      params: nest(flat),
      stripeAccount: header('stripe-account'),
      idempotencyKey: header('idempotency-key'),
      apiVersion: header('stripe-version'),
      authorization: header('authorization'),
    };
    this.requests.push(r);
    const send = (status: number, json: Json) => {
      res.writeHead(status, { 'content-type': 'application/json', 'request-id': `req_${rand()}`, 'stripe-version': r.apiVersion ?? '' });
      res.end(JSON.stringify(json));
    };
    if (this.failNext > 0 || this.failPaths?.test(r.path)) {
      if (this.failNext > 0) this.failNext--;
      return send(500, apiError('api_error', 'Stub failure'));
    }
    if (!r.authorization?.startsWith('Bearer sk_')) return send(401, apiError('invalid_request_error', 'Invalid API Key provided'));

    const idemKey = r.method === 'POST' && r.idempotencyKey ? `${r.stripeAccount ?? ''}|${r.idempotencyKey}` : null;
    if (idemKey) {
      const seen = this.idempotent.get(idemKey);
      if (seen) {
        if (seen.body !== body)
          return send(
            400,
            apiError(
              'idempotency_error',
              'Keys for idempotent requests can only be used with the same parameters they were first used with.',
            ),
          );
        return send(seen.status, seen.response);
      }
    }
    const [status, json] = this.route(r);
    if (idemKey && status < 500) this.idempotent.set(idemKey, { body, status, response: json });
    send(status, json);
  }

  private route(r: StubRequest): [number, Json] {
    const p = r.params;
    const now = Math.floor(Date.now() / 1000);
    let m: RegExpMatchArray | null;
    if (r.method === 'POST' && r.path === '/v1/accounts') {
      const id = `acct_${rand(8)}`;
      const account = {
        id,
        object: 'account',
        type: 'standard',
        country: 'ID',
        default_currency: 'idr',
        created: now,
        email: null,
        charges_enabled: false,
        payouts_enabled: false,
        details_submitted: false,
        business_profile: p.business_profile ?? {},
        metadata: p.metadata ?? {},
        controller: { ...(p.controller ?? {}), is_controller: true, type: 'application' },
        capabilities: Object.fromEntries(Object.keys(p.capabilities ?? {}).map((k) => [k, 'inactive'])),
        requirements: { currently_due: ['business_profile.mcc', 'external_account'], disabled_reason: 'requirements.past_due' },
      };
      this.accounts.set(id, account);
      return [200, structuredClone(account)];
    }
    if (r.method === 'GET' && (m = r.path.match(/^\/v1\/accounts\/(acct_\w+)$/))) {
      const a = this.accounts.get(m[1]!);
      return a ? [200, structuredClone(a)] : [404, missing('account', m[1]!)];
    }
    if (r.method === 'POST' && r.path === '/v1/account_links') {
      if (!this.accounts.has(p.account)) return [404, missing('account', String(p.account))];
      for (const f of ['type', 'refresh_url', 'return_url'])
        if (!p[f]) return [400, apiError('invalid_request_error', `Missing required param: ${f}.`, f)];
      return [
        200,
        { object: 'account_link', created: now, expires_at: now + 300, url: `https://connect.stripe.test/setup/s/${p.account}/${rand()}` },
      ];
    }
    if (r.method === 'POST' && r.path === '/v1/checkout/sessions') {
      if (r.stripeAccount && !this.accounts.has(r.stripeAccount))
        return [403, apiError('invalid_request_error', 'The provided key does not have access to account')];
      const items: Json[] = p.line_items ?? [];
      const amount = items.reduce((s, li) => s + Number(li.price_data?.unit_amount ?? 0) * Number(li.quantity ?? 1), 0);
      const currency = p.currency ?? items[0]?.price_data?.currency ?? null;
      if (items.some((li) => li.price_data?.currency && li.price_data.currency !== currency))
        return [400, apiError('invalid_request_error', 'Line items must share one currency')];
      if (p.expires_at && (Number(p.expires_at) < now + 1800 || Number(p.expires_at) > now + 86400))
        return [400, apiError('invalid_request_error', 'expires_at must be 30 minutes to 24 hours ahead', 'expires_at')];
      const id = `cs_test_${rand(16)}`;
      const session = {
        id,
        object: 'checkout.session',
        livemode: false,
        mode: p.mode,
        status: 'open',
        payment_status: 'unpaid',
        amount_subtotal: amount,
        amount_total: amount,
        currency,
        client_reference_id: p.client_reference_id ?? null,
        metadata: p.metadata ?? {},
        success_url: p.success_url ?? null,
        cancel_url: p.cancel_url ?? null,
        expires_at: Number(p.expires_at ?? now + 86400),
        created: now,
        locale: p.locale ?? null,
        payment_intent: null,
        url: `https://checkout.stripe.test/c/pay/${id}`,
        _account: r.stripeAccount,
        _applicationFee: p.payment_intent_data?.application_fee_amount,
        _piMetadata: p.payment_intent_data?.metadata ?? {},
      };
      this.sessions.set(id, session);
      return [200, publicCopy(session)];
    }
    if ((m = r.path.match(/^\/v1\/checkout\/sessions\/(cs_\w+)(\/expire)?$/))) {
      const s = this.sessions.get(m[1]!);
      if (!s || s._account !== r.stripeAccount) return [404, missing('checkout.session', m[1]!)];
      if (r.method === 'GET' && !m[2]) return [200, publicCopy(s)];
      if (r.method === 'POST' && m[2]) {
        if (s.status !== 'open') return [400, apiError('invalid_request_error', 'Only open sessions can be expired')];
        Object.assign(s, { status: 'expired', url: null });
        return [200, publicCopy(s)];
      }
    }
    if (r.method === 'GET' && (m = r.path.match(/^\/v1\/payment_intents\/(pi_\w+)$/))) {
      const pi = this.paymentIntents.get(m[1]!);
      if (!pi || pi._account !== r.stripeAccount) return [404, missing('payment_intent', m[1]!)];
      const out = publicCopy(pi);
      const expand = expandList(r.form);
      if (expand.includes('latest_charge') || expand.includes('latest_charge.balance_transaction')) {
        const c = publicCopy(this.charges.get(String(pi.latest_charge))!);
        if (expand.includes('latest_charge.balance_transaction') && c.balance_transaction)
          c.balance_transaction = publicCopy(this.balanceTransactions.get(String(c.balance_transaction))!);
        out.latest_charge = c;
      }
      return [200, out];
    }
    if (r.method === 'GET' && (m = r.path.match(/^\/v1\/balance_transactions\/(txn_\w+)$/))) {
      const bt = this.balanceTransactions.get(m[1]!);
      if (!bt || bt._account !== r.stripeAccount) return [404, missing('balance_transaction', m[1]!)];
      return [200, publicCopy(bt)];
    }
    return [404, apiError('invalid_request_error', `Unrecognized request URL (${r.method}: ${r.path}).`)];
  }
}

/** `expand[]=a` or `expand[0]=a`, as SDKs send it. */
function expandList(form: Record<string, string>): string[] {
  return Object.entries(form)
    .filter(([k]) => k === 'expand' || k.startsWith('expand['))
    .map(([, v]) => v);
}

export const STUB_SECRET_KEY = 'sk_test_etalase_stub_0000000000';
export const STUB_WEBHOOK_SECRET = 'whsec_etalase_stub_test_secret';

function publicCopy(s: Json): Json {
  return structuredClone(Object.fromEntries(Object.entries(s).filter(([k]) => !k.startsWith('_'))));
}
function apiError(type: string, message: string, param?: string): Json {
  return { error: { type, message, ...(param ? { param } : {}) } };
}
function missing(kind: string, id: string): Json {
  return { error: { type: 'invalid_request_error', code: 'resource_missing', message: `No such ${kind}: '${id}'`, param: 'id' } };
}

/** `a[b][0][c]=x` → { a: { b: [ { c: 'x' } ] } }, the way Stripe reads form-encoded params. */
export function nest(flat: Record<string, string>): Record<string, any> {
  const root: Record<string, any> = {};
  for (const [key, value] of Object.entries(flat)) {
    const parts = key.replace(/\]/g, '').split('[');
    let node: any = root;
    parts.forEach((part, i) => {
      const last = i === parts.length - 1;
      if (last) {
        node[part] = value;
        return;
      }
      const nextIsIndex = /^\d+$/.test(parts[i + 1]!);
      node[part] ??= nextIsIndex ? [] : {};
      node = node[part];
    });
  }
  return root;
}

let eventSeq = 0;
/** A Stripe event envelope as delivered to a Connect webhook endpoint. */
export function makeEvent(type: string, object: Json, opts: { account?: string | null; created?: number; id?: string } = {}): Json {
  return {
    id: opts.id ?? `evt_${rand(10)}${++eventSeq}`,
    object: 'event',
    api_version: '2026-10-28.endive',
    created: opts.created ?? Math.floor(Date.now() / 1000),
    livemode: false,
    pending_webhooks: 1,
    type,
    ...(opts.account === null ? {} : { account: opts.account }),
    data: { object },
    request: { id: null, idempotency_key: null },
  };
}

const signer = new Stripe(STUB_SECRET_KEY);
/** The exact body and Stripe-Signature header Stripe would send. */
export function signEvent(event: Json, opts: { secret?: string; timestamp?: number } = {}): { body: string; signature: string } {
  const body = JSON.stringify(event, null, 2);
  const signature = signer.webhooks.generateTestHeaderString({
    payload: body,
    secret: opts.secret ?? STUB_WEBHOOK_SECRET,
    ...(opts.timestamp ? { timestamp: opts.timestamp } : {}),
  });
  return { body, signature };
}
