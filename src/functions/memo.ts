// Answers repeated calls with the same arguments from a memo, so recalculating a sheet full of the
// same formulas does not recompute them. Keyed on the function, its arguments, the policy year (an
// empty year means it) and engineGeneration() (policy variants replace the engine); a function whose
// answer holds words takes the display language as an argument. Errors are remembered too: the same
// bad arguments get the same error (excel() gives its message in the language of the moment). Bounded:
// the oldest answers go first.
import { engineGeneration } from "../engine";
import { policyYear } from "./policy-year";

/** How many answers each memoized function keeps. */
export const MEMO_SIZE = 10000;

interface Answer { ok: boolean; value: unknown }

/** A key for primitive arguments, or null where an argument is a range or object (not memoized). */
function keyOf(args: readonly unknown[]): string | null {
  let key = `${engineGeneration()}|${policyYear()}`;
  for (const a of args) {
    switch (typeof a) {
      case "string":
        key += `|s${a.length}:${a}`;
        break;
      case "number":
        key += Object.is(a, -0) ? "|n-0" : `|n${a}`;
        break;
      case "boolean":
        key += a ? "|T" : "|F";
        break;
      case "undefined":
        key += "|u";
        break;
      default:
        if (a === null) key += "|0";
        else return null;
    }
  }
  return key;
}

/**
 * A bounded memo: when full, the oldest answer goes. The keys in order of arrival are kept in a ring,
 * so the oldest is found without walking the Map (deleting Map entries one by one from the front and
 * asking keys().next() makes V8 walk the deleted slots every time: 10 µs a call with 10,000 answers).
 */
class Bounded {
  private readonly map = new Map<string, Answer>();
  private readonly ring: string[] = [];
  private next = 0;
  constructor(private readonly size: number) {}
  get(key: string): Answer | undefined {
    return this.map.get(key);
  }
  set(key: string, answer: Answer): void {
    if (this.ring.length < this.size) this.ring.push(key);
    else {
      this.map.delete(this.ring[this.next]);
      this.ring[this.next] = key;
      this.next = (this.next + 1) % this.size;
    }
    this.map.set(key, answer);
  }
  clear(): void {
    this.map.clear();
    this.ring.length = 0;
    this.next = 0;
  }
}

const memos: Bounded[] = [];

/** Drops every memoized answer (tests; the engine generation makes this unnecessary in use). */
export function clearMemos(): void {
  for (const m of memos) m.clear();
}

/**
 * Wraps a synchronous function with a bounded memo. Promises are not memoized (a function that
 * returns one is called every time).
 */
export function memoize<A extends unknown[], R>(fn: (...args: A) => R, size = MEMO_SIZE): (...args: A) => R {
  const memo = new Bounded(size);
  memos.push(memo);
  return (...args: A): R => {
    const key = keyOf(args);
    if (key === null) return fn(...args);
    const hit = memo.get(key);
    if (hit) {
      if (hit.ok) return hit.value as R;
      throw hit.value;
    }
    let answer: Answer;
    try {
      const value = fn(...args);
      if (value !== null && typeof value === "object" && typeof (value as { then?: unknown }).then === "function") return value;
      answer = { ok: true, value };
    } catch (e) {
      answer = { ok: false, value: e };
    }
    memo.set(key, answer);
    if (answer.ok) return answer.value as R;
    throw answer.value;
  };
}
