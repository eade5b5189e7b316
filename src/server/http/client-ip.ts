import { config } from '../config.ts';

/**
 * The client address. With TRUST_PROXY=N (N proxies in front of the app, each appending to
 * X-Forwarded-For), the N-th address from the right is the client; without it the header is ignored,
 * since anyone can send one.
 */
export function clientIp(headers: Headers, socketAddress: string | undefined, hops = config().trustProxy): string {
  const socket = socketAddress ?? 'unknown';
  if (hops <= 0) return socket;
  const chain = (headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return chain[chain.length - hops] ?? chain[0] ?? socket;
}
