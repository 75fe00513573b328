// Sharing an annual pool among requests: first come first served, or pro rata, to the fen.
import Decimal from "decimal.js";
import { normalizeText } from "../amount";
import { invalidValue } from "../errors";
import { describe, describeIn } from "../resolve";
import { bi } from "../text";

export type AllocationMethod = "fcfs" | "pro-rata";

const METHOD_NAMES: Record<string, AllocationMethod> = {
  fcfs: "fcfs", "first-come": "fcfs", "first-come-first-served": "fcfs", 先到先得: "fcfs", 先来先得: "fcfs", 申报顺序: "fcfs",
  "pro-rata": "pro-rata", prorata: "pro-rata", "pro rata": "pro-rata", proportional: "pro-rata", 按比例: "pro-rata", 等比例: "pro-rata", 同比例: "pro-rata",
};

/** Reads a method argument; empty means first come first served. */
export function parseMethod(input: unknown): AllocationMethod {
  if (input === null || input === undefined || input === "") return "fcfs";
  if (typeof input === "string") {
    const m = METHOD_NAMES[normalizeText(input).replace(/_/g, "-")] ?? METHOD_NAMES[input.trim().toLowerCase()];
    if (m) return m;
  }
  throw invalidValue(bi(
    `method ${describe(input)} is not a way to share a pool: give "fcfs" (first come first served, 先到先得) or "pro-rata" (按比例), or leave it empty (fcfs).`,
    `分配方式 ${describeIn(input).zh} 无效：请填 "fcfs"（先到先得）或 "pro-rata"（按比例），或留空（fcfs）。`));
}

/** 元 → whole fen, half up: the one rounding of an amount. */
export function toFenBig(yuan: Decimal): bigint {
  return BigInt(yuan.times(100).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toFixed(0));
}

/** Whole fen (a safe integer) → 元 as a Number: the nearest double, as Number of the decimal text gives; no decimal made. */
export const fenToYuanNumber = (fen: number): number => fen / 100;

/** Whole fen (a BigInt, or a safe integer Number) → 元 as an exact decimal. */
export function fenToYuan(fen: bigint | number): Decimal {
  const neg = fen < 0;
  const digits = String(neg ? -fen : fen).padStart(3, "0");
  return new Decimal(`${neg ? "-" : ""}${digits.slice(0, -2)}.${digits.slice(-2)}`); // one parse, no division
}

/**
 * Shares a pool among requests, all in whole fen.
 * fcfs: in the order given, each request is paid in full while the pool lasts; the request that
 * crosses the line gets what is left, later ones 0.
 * pro-rata: when the requests add up to more than the pool, every request is scaled by
 * pool ÷ total, rounded down to the fen, and the fen left over go one each to the largest
 * remainders (the earlier request first on a tie), so the allocations add up to the pool exactly.
 * When the pool covers every request, each is paid in full, under either method.
 */
export function allocateFen(pool: bigint, requests: readonly bigint[], method: AllocationMethod): bigint[] {
  if (pool < 0n) throw invalidValue(bi("the pool is negative; give an amount of 0 or more in 元.", "资金池为负数：请填 0 或以上的金额（元）。"));
  let total = 0n;
  for (const r of requests) {
    if (r < 0n) throw invalidValue(bi("a request is negative; give amounts of 0 or more in 元.", "有申请额为负数：请填 0 或以上的金额（元）。"));
    total += r;
  }
  if (total <= pool) return requests.slice();
  if (method === "fcfs") {
    let left = pool;
    return requests.map((r) => {
      const a = r < left ? r : left;
      left -= a;
      return a;
    });
  }
  const n = requests.length;
  const out: bigint[] = new Array(n);
  const rem: bigint[] = new Array(n);
  let given = 0n;
  for (let i = 0; i < n; i++) {
    const num = requests[i] * pool;
    out[i] = num / total;
    given += out[i];
    rem[i] = num - out[i] * total;
  }
  let leftover = pool - given; // < number of requests
  if (leftover === 0n) return out;
  const order: number[] = new Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort(byRemainder(rem, total));
  for (let k = 0; leftover > 0n; k++, leftover--) out[order[k]] += 1n;
  return out;
}

/** 2^27 + 1: splits a double into two halves whose products are exact (Dekker). */
const SPLIT = 134217729;

/** a × b − p exactly, where p is a × b rounded (Dekker's product; a and b whole numbers below 2^53). */
function productError(a: number, b: number, p: number): number {
  const ca = SPLIT * a;
  const ah = ca - (ca - a);
  const al = a - ah;
  const cb = SPLIT * b;
  const bh = cb - (cb - b);
  const bl = b - bh;
  return ah * bh - p + ah * bl + al * bh + al * bl;
}

/**
 * Pro rata as allocateFen computes it, in Numbers, exactly, for a total up to 2^50 fen: each share
 * floor(r × pool ÷ total) is estimated in floating point and set right by its exact remainder
 * r × pool − q × total (both products exact as two doubles); the remainders then order the fen left.
 */
function proRataExact(pool: number, requests: readonly number[], total: number): number[] {
  const n = requests.length;
  const out: number[] = new Array(n);
  const rem = new Float64Array(n);
  let given = 0;
  for (let i = 0; i < n; i++) {
    const h1 = requests[i] * pool;
    let q = Math.floor(h1 / total);
    const h2 = q * total;
    let r = h1 - h2 + (productError(requests[i], pool, h1) - productError(q, total, h2));
    for (; r < 0; r += total) q--; // the estimate is off by a unit or two at most
    for (; r >= total; r -= total) q++;
    out[i] = q;
    rem[i] = r;
    given += q;
  }
  let left = pool - given; // fewer than the requests
  if (left === 0) return out;
  // the fen left go to the largest remainders, the earlier request on a tie: all above the smallest
  // remainder that gets one, then those equal to it in the requests' order
  const least = rem.slice().sort()[n - left];
  for (let i = 0; i < n && left > 0; i++) if (rem[i] > least) (out[i] += 1), left--;
  for (let i = 0; i < n && left > 0; i++) if (rem[i] === least) (out[i] += 1), left--;
  return out;
}

/** The largest total proRataExact takes: its remainders, a few totals at most before they are set right, stay exact. */
const EXACT_TOTAL = 2 ** 50;

/**
 * allocateFen on whole fen as Numbers, each request and their total below 2^53 (the portfolio pass's
 * amounts): a pool that covers its requests pays them; pro rata up to 2^50 fen in all is shared in
 * Numbers (proRataExact); the rest goes through BigInts.
 */
export function allocateSafe(pool: number, requests: readonly number[], method: AllocationMethod): number[] {
  if (requests.length === 1) return [requests[0] < pool ? requests[0] : pool]; // either method
  let total = 0;
  for (const r of requests) total += r;
  if (total <= pool) return requests.slice();
  if (method === "pro-rata" && total <= EXACT_TOTAL) return proRataExact(pool, requests, total);
  return allocateFen(BigInt(pool), requests.map(BigInt), method).map(Number);
}

/**
 * Largest remainder first, the earlier request on a tie. Each remainder is below the total, so where
 * the total is a safe integer the remainders compare exactly as Numbers (far cheaper than BigInts).
 */
function byRemainder(rem: readonly bigint[], total: bigint): (a: number, b: number) => number {
  if (total > BigInt(Number.MAX_SAFE_INTEGER)) return (a, b) => (rem[a] === rem[b] ? a - b : rem[a] > rem[b] ? -1 : 1);
  const r = Float64Array.from(rem, Number);
  return (a, b) => (r[a] === r[b] ? a - b : r[b] - r[a]);
}

/** 元 → whole fen, rounded down: what can be paid of an amount without paying more than it. */
const fenDown = (yuan: Decimal) => BigInt(yuan.times(100).toDecimalPlaces(0, Decimal.ROUND_DOWN).toFixed(0));

/**
 * allocateFen on amounts in 元: the pool and each request rounded DOWN to the fen first, so the
 * allocations never add up to more than the pool and no request is paid more than it asked
 * (a request of 0.005 元 is paid 0; one of 1.239 元 at most 1.23).
 */
export function allocate(pool: Decimal, requests: readonly Decimal[], method: AllocationMethod): Decimal[] {
  return allocateFen(fenDown(pool), requests.map(fenDown), method).map(fenToYuan);
}
