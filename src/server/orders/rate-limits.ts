/** Per IP and generous: a whole village can sit behind one carrier address on market day. */
export const ORDER_RATE_LIMIT = { key: 'order', limit: 100, windowSeconds: 15 * 60 } as const;
