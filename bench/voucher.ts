// COMPUTE_VOUCHER through the function entry Excel calls (repeated inputs: answered from the memo),
// the same calls straight to the engine (memo bypassed), and a plain floating-point
// min(rate × spend, cap) kernel over the same inputs. Prints calls per second.
import { computeVoucher } from "../src/functions/functions";
import { budget, defaultEngine, parseAmount } from "../src/engine";

const CALLS = Number(process.env.BENCH_CALLS ?? 1_000_000);
const DISTINCT = 4096;

/** The engine's seeded generator (the one FORECAST uses), so every run times the same inputs. */
function rng(seed: number): () => number {
  const prng = new budget.Prng(seed);
  return () => prng.next();
}

type Args = [string, string, number | string, boolean | null, number];
const CASES: [string, string, number][] = [
  ["hangzhou-binjiang", "compute", 2026], ["滨江", "算力券", 2026], ["hangzhou-binjiang", "corpus", 2026],
  ["hangzhou-binjiang", "model", 2026], ["hangzhou-binjiang", "innovation", 2026], ["杭州高新区", "compute", 2024],
  ["hangzhou-binjiang@2025-draft", "compute", 2026], ["guangzhou", "compute", 2026], ["广州", "compute:large-model", 2027],
  ["guangzhou", "data", 2026], ["guangzhou", "model:first-purchaser-uplift", 2026], ["langfang", "compute", 2024],
  ["廊坊", "compute:major-project", 2025], ["langfang", "compute:new-entrant", 2024],
];

function makeInputs(): Args[] {
  const next = rng(20261121);
  const out: Args[] = [];
  for (let i = 0; i < DISTINCT; i++) {
    const [j, t, y] = CASES[Math.floor(next() * CASES.length)];
    const wan = Math.round(next() * 5000 * 100) / 100; // 0 to 5000万, to the 百元
    const spend: number | string = next() < 0.2 ? `${wan}万` : wan * 10000;
    out.push([j, t, spend, next() < 0.5 ? true : next() < 0.5 ? false : null, y]);
  }
  return out;
}

/** The i-th first-calculation input: the spend (in fen, worked out before the timing) moved by i fen. */
function firstCall(inputs: Args[], fens: number[], i: number, shift: number): Args {
  const a = inputs[i % DISTINCT];
  return [a[0], a[1], (fens[i % DISTINCT] + shift + 1) / 100, a[3], a[4]];
}

export function benchVoucher(): void {
  const inputs = makeInputs();
  const engine = defaultEngine();
  // What the float kernel needs, worked out once, outside the timing: rate, cap and the spend as a float.
  const kernel = inputs.map(([j, t, spend, domestic, year]) => {
    const r = engine.voucher(j, t, spend, domestic, year, year);
    return { rate: r.rate?.toNumber() ?? 1, cap: r.cap?.toNumber() ?? Infinity, spend: parseAmount(spend).toNumber() };
  });

  // Warm up both paths.
  let sink = 0;
  for (let i = 0; i < 20000; i++) sink += computeVoucher(...inputs[i % DISTINCT]);

  let t0 = process.hrtime.bigint();
  for (let i = 0; i < CALLS; i++) sink += computeVoucher(...inputs[i % DISTINCT]);
  const fnSeconds = Number(process.hrtime.bigint() - t0) / 1e9;

  let fsink = 0;
  for (let i = 0; i < 20000; i++) {
    const k = kernel[i % DISTINCT];
    fsink += Math.min(k.rate * k.spend, k.cap);
  }
  t0 = process.hrtime.bigint();
  for (let i = 0; i < CALLS; i++) {
    const k = kernel[i % DISTINCT];
    fsink += Math.min(k.rate * k.spend, k.cap);
  }
  const kernelSeconds = Number(process.hrtime.bigint() - t0) / 1e9;

  // The same calls with the memo bypassed (the engine computes each one): what a first calculation costs.
  for (let i = 0; i < 20000; i++) sink += engine.voucherAmount(...inputs[i % DISTINCT], 2026);
  t0 = process.hrtime.bigint();
  for (let i = 0; i < CALLS; i++) sink += engine.voucherAmount(...inputs[i % DISTINCT], 2026);
  const engineSeconds = Number(process.hrtime.bigint() - t0) / 1e9;

  // A first calculation through the function entry: every input distinct (the spend moves by a fen
  // each call), so the memo answers nothing; against the kernel over the same inputs, in this run.
  const fens = inputs.map((a) => Math.round(parseAmount(a[2]).toNumber() * 100));
  for (let i = 0; i < 20000; i++) sink += computeVoucher(...firstCall(inputs, fens, i, -1 - i));
  t0 = process.hrtime.bigint();
  for (let i = 0; i < CALLS; i++) sink += computeVoucher(...firstCall(inputs, fens, i, i));
  const firstSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const firstKernel = kernel.map((k) => ({ ...k }));
  t0 = process.hrtime.bigint();
  for (let i = 0; i < CALLS; i++) {
    const k = firstKernel[i % DISTINCT];
    fsink += Math.min(k.rate * ((Math.round(k.spend * 100) + i + 1) / 100), k.cap);
  }
  const firstKernelSeconds = Number(process.hrtime.bigint() - t0) / 1e9;

  const fnRate = CALLS / fnSeconds;
  const kernelRate = CALLS / kernelSeconds;
  const fmt = (n: number) => Math.round(n).toLocaleString("en-US");
  console.log(`COMPUTE_VOUCHER via the function entry: ${fmt(CALLS)} mixed calls (${DISTINCT} distinct inputs, ${CASES.length} programme routes) in ${fnSeconds.toFixed(3)} s = ${fmt(fnRate)} calls/s`);
  console.log(`the engine, memo bypassed:                ${fmt(CALLS)} calls in ${engineSeconds.toFixed(3)} s = ${fmt(CALLS / engineSeconds)} calls/s (${((engineSeconds / CALLS) * 1e6).toFixed(2)} µs a call)`);
  console.log(`float kernel min(rate × spend, cap):     ${fmt(CALLS)} calls in ${kernelSeconds.toFixed(3)} s = ${fmt(kernelRate)} calls/s`);
  console.log(`ratio (kernel / function): ${(kernelRate / fnRate).toFixed(1)}x; per call: function ${((fnSeconds / CALLS) * 1e6).toFixed(2)} µs, kernel ${((kernelSeconds / CALLS) * 1e9).toFixed(1)} ns`);
  console.log(`first calculation (every input distinct, no memo answer): ${((firstSeconds / CALLS) * 1e6).toFixed(2)} µs a call; float kernel over the same inputs ${((firstKernelSeconds / CALLS) * 1e9).toFixed(1)} ns; ratio ${(firstSeconds / firstKernelSeconds).toFixed(1)}x (target: within 20x)`);
  if (!Number.isFinite(sink) || !Number.isFinite(fsink)) throw new Error("bench produced a non-finite total");
}

if (require.main === module) benchVoucher();
