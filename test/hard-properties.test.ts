// Issue 12: fast-check properties over amounts, tables (encodings and headers) and allocation.
import Decimal from "decimal.js";
import fc from "fast-check";
import { AwardError } from "../src/engine/errors";
import { parseAmount } from "../src/engine/amount";
import { allocate, allocateFen, allocateSafe } from "../src/engine/budget/allocate";
import { decodeBytes } from "../src/engine/budget/encoding";
import { HEADER_NAMES, readHeader, type Column } from "../src/engine/budget/table";

const RUNS = { numRuns: 300 };

describe("amounts", () => {
  test("digits with a space between them are never one number (a space only groups thousands)", () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 99999 }), fc.integer({ min: 0, max: 99 }), (a, b) => {
      const text = `${a} ${b}`; // b has 1–2 digits: never a group of three
      expect(() => parseAmount(text)).toThrow(AwardError);
    }), RUNS);
  });
  test("a number grouped by spaces in threes reads as the number", () => {
    fc.assert(fc.property(fc.integer({ min: 1000, max: 999_999_999_999 }), (n) => {
      const grouped = n.toLocaleString("en-US").replace(/,/g, " ");
      expect(parseAmount(grouped).toNumber()).toBe(n);
    }), RUNS);
  });
  test("any character NFKC folds into a digit but is not 0-9 or ０-９ makes the text refused", () => {
    const foreign = fc.constantFrom(..."①②③⑴⒈²³¹⁰₁₂𝟏𝟐٣۴߁१১௧๑");
    fc.assert(fc.property(fc.integer({ min: 0, max: 1e6 }), foreign, fc.nat(6), (n, ch, at) => {
      const s = String(n);
      const i = Math.min(at, s.length);
      expect(() => parseAmount(s.slice(0, i) + ch + s.slice(i))).toThrow(/not a digit 0-9/);
    }), RUNS);
  });
  test("a message quotes at most about 80 characters of any text", () => {
    fc.assert(fc.property(fc.string({ minLength: 0, maxLength: 3000 }), (t) => {
      try {
        parseAmount(t);
      } catch (e) {
        expect(e).toBeInstanceOf(AwardError);
        expect((e as AwardError).message.length).toBeLessThan(400);
        expect((e as AwardError).in("zh").length).toBeLessThan(400);
      }
    }), RUNS);
  });
});

describe("tables", () => {
  const text = fc.array(fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom("滨江", "算力券", "杭州高新区", "甲公司", "Müller", "2026-03-01")), { minLength: 1, maxLength: 8 })
    .map((cells) => cells.join(",").replace(/[\r\n\u0000]/g, " "));
  test("a UTF-8 file decodes as itself; with a BOM too; as UTF-16 by its BOM too", () => {
    fc.assert(fc.property(fc.array(text, { minLength: 1, maxLength: 10 }), (lines) => {
      const s = lines.join("\n") + "\n";
      expect(decodeBytes(Buffer.from(s)).text).toBe(s);
      expect(decodeBytes(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(s)])).text).toBe(s);
      expect(decodeBytes(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, "utf16le")])).text).toBe(s);
    }), RUNS);
  });
  test("a GBK line among UTF-8 lines with Chinese is never decoded silently: refused as mixed", () => {
    const gbk = Buffer.from([0xbc, 0xd7, 0xb9, 0xab, 0xcb, 0xbe]); // 甲公司 in GBK
    fc.assert(fc.property(fc.array(fc.constantFrom("滨江,算力券", "申请单位,金额", "甲,100"), { minLength: 1, maxLength: 5 }), fc.nat(5), (lines, at) => {
      const parts = lines.map((l) => Buffer.from(`${l}\n`));
      parts.splice(Math.min(at, parts.length), 0, Buffer.concat([gbk, Buffer.from(",1\n")]));
      expect(() => decodeBytes(Buffer.concat(parts))).toThrow(/mixes encodings/);
    }), RUNS);
  });
  test("any header naming a column twice is refused, naming both; naming each once is read", () => {
    const cols = Object.keys(HEADER_NAMES) as Column[];
    fc.assert(fc.property(fc.shuffledSubarray(cols, { minLength: 1 }), fc.nat(), fc.nat(), (chosen, a, b) => {
      const header = chosen.map((c) => HEADER_NAMES[c][a % HEADER_NAMES[c].length]);
      const required = ["recipient", "policy", "programme", "amount"].every((c) => chosen.includes(c as Column));
      if (required) expect([...readHeader(header).keys()].sort()).toEqual([...chosen].sort());
      const dup = chosen[b % chosen.length];
      const twice = [...header, HEADER_NAMES[dup][(a + 1) % HEADER_NAMES[dup].length]];
      expect(() => readHeader(twice)).toThrow(new RegExp(`two ${dup} columns`));
    }), RUNS);
  });
});

describe("allocation", () => {
  const amount = fc.oneof(fc.integer({ min: 0, max: 1e9 }).map((n) => new Decimal(n)), fc.integer({ min: 0, max: 1e9 }).map((n) => new Decimal(n).dividedBy(1000)));
  test("never more than a request, never more than the pool, whole fen, under both methods", () => {
    fc.assert(fc.property(amount, fc.array(amount, { minLength: 1, maxLength: 30 }), fc.constantFrom("fcfs" as const, "pro-rata" as const), (pool, requests, method) => {
      const given = allocate(pool, requests, method);
      let sum = new Decimal(0);
      given.forEach((g, i) => {
        expect(g.lessThanOrEqualTo(requests[i])).toBe(true);
        expect(g.isNegative()).toBe(false);
        expect(g.times(100).isInteger()).toBe(true);
        sum = sum.plus(g);
      });
      expect(sum.lessThanOrEqualTo(pool)).toBe(true);
    }), RUNS);
  });
  test("pro rata in Numbers (the portfolio pass's) gives exactly what the BigInt computation gives, remainders and ties alike", () => {
    // amounts up to 2^47 fen, so r × pool passes 2^53 (plain doubles would round it); some requests repeated (ties)
    const amount = fc.integer({ min: 0, max: 2 ** 47 - 1 });
    fc.assert(fc.property(fc.array(amount, { minLength: 2, maxLength: 40 }), fc.array(fc.nat(39), { maxLength: 10 }), fc.double({ min: 0, max: 1, noNaN: true }), (base, repeats, share) => {
      const requests = [...base, ...repeats.map((k) => base[k % base.length])];
      const total = requests.reduce((a, b) => a + b, 0);
      const pool = Math.floor(total * share);
      const exact = allocateFen(BigInt(pool), requests.map(BigInt), "pro-rata").map(Number);
      expect(allocateSafe(pool, requests, "pro-rata")).toEqual(exact);
    }), { numRuns: 500 });
    // within 2^50 fen in all, with products far past 2^53: 3×10^14 × 7×10^14 ÷ (9×10^14 + 2)
    const requests = [3e14, 6e14 + 1, 1];
    expect(allocateSafe(7e14, requests, "pro-rata")).toEqual(allocateFen(700000000000000n, requests.map(BigInt), "pro-rata").map(Number));
  });
  test("in whole fen, an oversubscribed pool is paid out exactly; a covering pool pays every request in full", () => {
    fc.assert(fc.property(fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.array(fc.bigInt({ min: 0n, max: 10n ** 10n }), { minLength: 1, maxLength: 30 }), fc.constantFrom("fcfs" as const, "pro-rata" as const), (pool, requests, method) => {
      const given = allocateFen(pool, requests, method);
      const total = requests.reduce((a, b) => a + b, 0n);
      const paid = given.reduce((a, b) => a + b, 0n);
      if (total <= pool) expect(given).toEqual(requests);
      else expect(paid).toBe(pool);
      given.forEach((g, i) => expect(g <= requests[i]).toBe(true));
    }), RUNS);
  });
});
