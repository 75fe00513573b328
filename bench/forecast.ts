// FORECAST through the function entry: 10,000 trials × 12 months × 100 applications a month.
import { forecast } from "../src/functions/budget";
import { computeVoucher } from "../src/functions/functions";

export function benchForecast(): void {
  // Award sizes as a budget office would have them: a column of COMPUTE_VOUCHER results (滨江 2025 算力券).
  const amounts: number[][] = [];
  for (let i = 1; i <= 200; i++) amounts.push([computeVoucher("hangzhou-binjiang", "compute", i * 150000, i % 3 === 0, 2026)]);
  const args = ["50亿", 100, amounts, 12, 10000, 2026] as const;
  forecast(args[0], args[1], args[2], args[3], 1000, 1); // warm-up
  const runs = 5;
  const times: number[] = [];
  let result: unknown;
  for (let r = 0; r < runs; r++) {
    const t0 = process.hrtime.bigint();
    result = forecast(...args);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  times.sort((a, b) => a - b);
  const draws = 10000 * 12 * 100;
  const rows = result as (string | number)[][];
  console.log(`FORECAST 10,000 trials × 12 months × 100 applications/month (${(draws / 1e6).toFixed(0)} million award draws, integer fen): median ${times[Math.floor(runs / 2)].toFixed(0)} ms, best ${times[0].toFixed(0)} ms of ${runs} runs = ${(draws / (times[0] / 1000) / 1e6).toFixed(1)} million draws/s`);
  const m6 = rows[6];
  console.log(`  (pool 50亿, 200 award sizes: month 6 P(exhausted) ${m6[1]}, committed median ${m6[3]} 元)`);
}

if (require.main === module) benchForecast();
