/** The part of autocannon's API scripts/bench-storefront.ts uses (the package ships no types; @types/autocannon is not installed). */
declare module 'autocannon' {
  namespace autocannon {
    interface Stats {
      average: number;
      p50: number;
      p99: number;
      total: number;
    }
    interface Result {
      requests: Stats;
      latency: Stats;
      throughput: Stats;
      errors: number;
      non2xx: number;
    }
    interface Options {
      url: string;
      connections?: number;
      duration?: number;
      headers?: Record<string, string>;
    }
  }
  function autocannon(opts: autocannon.Options, cb: (err: Error | null, res: autocannon.Result) => void): unknown;
  export default autocannon;
}
