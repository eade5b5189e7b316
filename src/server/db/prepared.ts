import { CompiledQuery, type Compilable } from 'kysely';
import { dialect, sqliteStatements, type Db, type Tx } from './index.ts';
import type { QueryResult } from 'kysely';

/** Stands in for one value while the query is built once; its position among the compiled parameters is remembered. */
class Slot {
  readonly leaf: number;
  constructor(leaf: number) {
    this.leaf = leaf;
  }
}

type Leaf = string | number | bigint | boolean | null | undefined;
type Arg = Leaf | readonly Leaf[] | readonly Readonly<Record<string, Leaf>>[] | Readonly<Record<string, Leaf>>;
type Plan = { sql: string; params: ({ leaf: number } | { value: unknown })[] };

const leafShape = (v: Leaf) => (v === undefined ? 'u' : '.');
const objShape = (o: Readonly<Record<string, Leaf>>) => {
  let key = '{';
  for (const k in o) key += `${k}${leafShape(o[k])}`;
  return `${key}}`;
};

/**
 * The arguments' shape (array lengths, object keys, which values are undefined: Kysely leaves an undefined column
 * out of an insert), which decides the SQL text.
 */
function shapeOf(args: readonly Arg[]): string {
  let key = '';
  for (const a of args) {
    if (Array.isArray(a)) {
      key += `[${a.length}`;
      for (const e of a as (Leaf | Readonly<Record<string, Leaf>>)[])
        key += e !== null && typeof e === 'object' ? objShape(e) : leafShape(e);
      key += ']';
    } else if (a !== null && typeof a === 'object') key += objShape(a as Readonly<Record<string, Leaf>>);
    else key += leafShape(a as Leaf);
  }
  return key;
}

/** The leaves of the arguments in a fixed order: `map` replaces each (values at run time, slots when building). */
function mapLeaves(args: readonly Arg[], map: (v: Leaf) => unknown): unknown[] {
  const obj = (o: Readonly<Record<string, Leaf>>) => {
    const out: Record<string, unknown> = {};
    for (const k in o) out[k] = map(o[k]);
    return out;
  };
  return args.map((a) =>
    Array.isArray(a)
      ? a.map((e: Leaf | Readonly<Record<string, Leaf>>) => (e !== null && typeof e === 'object' ? obj(e) : map(e as Leaf)))
      : a !== null && typeof a === 'object'
        ? obj(a as Readonly<Record<string, Leaf>>)
        : map(a as Leaf),
  );
}

/**
 * A hot query written with Kysely as usual, but built and compiled once per shape of its arguments (and database
 * kind); later calls only bind new values. Building and compiling every statement anew was about a quarter of an
 * order step's CPU (node --cpu-prof on scripts/bench-ledger.ts). `build` must use its arguments only as values
 * (not to choose the query's form); arrays and objects among them (an `in` list, insert rows) are fine.
 */
export function prepared<A extends Arg[], R>(build: (q: Db | Tx, ...args: A) => Compilable<R>) {
  const plans = new Map<string, Plan>();
  const plan = (q: Db | Tx, args: A): Plan => {
    const key = `${dialect()}${shapeOf(args)}`;
    let p = plans.get(key);
    if (!p) {
      let n = 0;
      const compiled = build(q, ...(mapLeaves(args, (v) => (v === undefined ? undefined : new Slot(n++))) as A)).compile();
      p = {
        sql: compiled.sql,
        params: compiled.parameters.map((v) => (v instanceof Slot ? { leaf: v.leaf } : { value: v })),
      };
      plans.set(key, p);
    }
    return p;
  };
  const run = async (q: Db | Tx, args: A) => {
    const p = plan(q, args);
    const leaves: unknown[] = [];
    for (const a of args) {
      if (Array.isArray(a)) {
        for (const e of a as (Leaf | Readonly<Record<string, Leaf>>)[]) {
          if (e !== null && typeof e === 'object') {
            for (const k in e) if (e[k] !== undefined) leaves.push(e[k]);
          } else if (e !== undefined) leaves.push(e);
        }
      } else if (a !== null && typeof a === 'object') {
        for (const k in a) {
          const v = (a as Readonly<Record<string, Leaf>>)[k];
          if (v !== undefined) leaves.push(v);
        }
      } else if (a !== undefined) leaves.push(a);
    }
    const params = p.params.map((s) => ('leaf' in s ? leaves[s.leaf] : s.value));
    // Inside a transaction on SQLite the caller already holds the one connection: run the statement on it directly,
    // as Kysely's SQLite driver would, without its executor's promise chain.
    const direct = q.isTransaction ? sqliteStatements() : null;
    if (direct) {
      const stmt = direct.prepare(p.sql);
      if (stmt.reader) return { rows: stmt.all(params) as R[] } satisfies QueryResult<R>;
      const { changes } = stmt.run(params);
      return { rows: [], numAffectedRows: BigInt(changes) } satisfies QueryResult<R>;
    }
    return q.executeQuery<R>(CompiledQuery.raw(p.sql, params));
  };
  return {
    all: async (q: Db | Tx, ...args: A): Promise<R[]> => (await run(q, args)).rows,
    first: async (q: Db | Tx, ...args: A): Promise<R | undefined> => (await run(q, args)).rows[0],
    /** Rows a write changed (inserted, updated or deleted). */
    affected: async (q: Db | Tx, ...args: A): Promise<number> => Number((await run(q, args)).numAffectedRows ?? 0),
  };
}
