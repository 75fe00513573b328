// npm run bench: every benchmark, one after the other. BENCH=start,voucher,forecast,exposure picks some.
import { benchVoucher } from "./voucher";
import { benchForecast } from "./forecast";
import { benchBudgetForecast } from "./forecast-pipeline";
import { benchExposure } from "./exposure";
import { benchClauses } from "./clauses";
import { benchStart } from "./start";
import { benchPortfolio } from "./portfolio";

const ALL: Record<string, () => void | Promise<void>> = { start: benchStart, voucher: benchVoucher, clauses: benchClauses, portfolio: benchPortfolio, forecast: benchForecast, "budget-forecast": benchBudgetForecast, exposure: benchExposure };

async function main() {
  const wanted = (process.env.BENCH ?? Object.keys(ALL).join(",")).split(",").map((s) => s.trim()).filter(Boolean);
  for (const name of wanted) {
    const fn = ALL[name];
    if (!fn) throw new Error(`unknown benchmark "${name}": ${Object.keys(ALL).join(", ")}`);
    await fn();
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
