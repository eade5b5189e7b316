/**
 * Case counts for fuzz, property and load tests: `npm test` runs a small seeded count so CI stays in its
 * budget; `npm run test:full` (ETALASE_FULL=1) runs the full count.
 */
export function full(): boolean {
  return process.env.ETALASE_FULL === '1';
}

export function count(small: number, fullCount: number): number {
  return full() ? fullCount : small;
}
