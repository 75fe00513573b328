// The task pane in a real browser: the production build served on localhost, driven by
// playwright-core in headless Chromium (Debian's /usr/bin/chromium; skipped with a message when
// it is absent). Sets the year, adds two scenarios and a policy variant, compares, reads the
// numbers off the page, switches language, saves a screenshot of each view in test-results/,
// checks that no request leaves localhost and that axe-core finds no serious or critical issue.
import * as fs from "fs";
import * as path from "path";
import type { Browser, Locator, Page } from "playwright-core";
import { serveDir } from "./browser/static-server";
import { ensureAddinBuilt } from "./helpers/addin-build";

const CHROMIUM = "/usr/bin/chromium";
const ROOT = path.resolve(__dirname, "..");
const RESULTS = path.join(ROOT, "test-results");
const have = fs.existsSync(CHROMIUM);
if (!have) console.log(`browser tests skipped: ${CHROMIUM} not found (apt-get install chromium to run them)`);
const describeBrowser = have ? describe : describe.skip;

jest.setTimeout(120000);

describeBrowser("task pane in Chromium (production build, preview mode)", () => {
  let outDir: string;
  let server: { url: string; close: () => Promise<void> };
  let browser: Browser;
  let page: Page;
  const external: string[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    // the production build with office.js from the package (offline), shared with test/runtime.test.ts
    outDir = await ensureAddinBuilt();
    server = await serveDir(outDir);
    const { chromium } = await import("playwright-core");
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    });
    // a task pane's width; English like a default Office
    const context = await browser.newContext({ viewport: { width: 380, height: 900 }, locale: "en-US" });
    await context.route("**/*", (route) => {
      const url = new URL(route.request().url());
      if (url.protocol === "data:" || url.protocol === "blob:" || url.hostname === "localhost" || url.hostname === "127.0.0.1") return route.continue();
      external.push(route.request().url());
      return route.abort();
    });
    page = await context.newPage();
    page.on("pageerror", (e) => pageErrors.push(e.message));
    fs.mkdirSync(RESULTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const shot = (name: string) => page.screenshot({ path: path.join(RESULTS, `pane-${name}.png`), fullPage: true });

  async function axe(view: string) {
    // Colours are checked as they settle: a message bar fading in (Fluent's enter motion) is half
    // transparent for a moment, and on a loaded machine axe can catch it mid-fade.
    await page.addStyleTag({ content: "*,*::before,*::after{animation-duration:0s!important;animation-delay:0s!important;transition-duration:0s!important;transition-delay:0s!important}" });
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    if (!(await page.evaluate(() => "axe" in window))) {
      await page.addScriptTag({ content: fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8") });
    }
    const violations = await page.evaluate(async () => {
      // Fluent's focus manager (tabster) adds <i data-tabster-dummy aria-hidden tabindex=0> sentinels
      // that pass focus on at once; axe's aria-hidden-focus flags them (a known false positive:
      // microsoft/fluentui#25133, microsoft/tabster#288), so they are left out of the scan.
      const r = await (window as unknown as { axe: { run: (c: unknown) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[]; html?: string; failureSummary?: string }[] }[] }> } }).axe.run({
        exclude: [["[data-tabster-dummy]"]],
      });
      return r.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.slice(0, 3).map((n) => n.target.join(" ") + " " + ((n as { failureSummary?: string }).failureSummary ?? "") + " " + ((n as { html?: string }).html ?? "").slice(0, 200)) }));
    });
    const bad = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    if (violations.length) console.log(`axe (${view}): ${violations.map((v) => `${v.id} [${v.impact}]`).join(", ")}`);
    expect(bad).toEqual([]);
  }

  const text = async (testId: string) => (await page.getByTestId(testId).first().textContent())?.trim();
  /**
   * The pane re-renders after an action (state saved, then shown): wait, up to 15 s, for an element's
   * text to be what is expected, then assert it (a wrong value still fails, with the last text seen).
   */
  const expectLocatorText = async (locator: Locator, want: string | RegExp) => {
    const read = async () => (await locator.first().textContent({ timeout: 1000 }).catch(() => null))?.trim();
    const deadline = Date.now() + 15000;
    let got = await read();
    while (!(typeof want === "string" ? got === want : want.test(got ?? "")) && Date.now() < deadline) {
      await page.waitForTimeout(50);
      got = await read();
    }
    if (typeof want === "string") expect(got).toBe(want);
    else expect(got).toMatch(want);
  };
  const expectText = (testId: string, want: string | RegExp) => expectLocatorText(page.getByTestId(testId), want);
  const scenario = (label: string) => page.locator(`[data-scenario="${label}"]`);

  let loadedAt = 0;
  test("loads and becomes interactive", async () => {
    const started = Date.now();
    loadedAt = started;
    await page.goto(server.url);
    await page.getByTestId("year-select").waitFor();
    const wall = Date.now() - started;
    const ready = await page.evaluate(() => (window as unknown as { __awardPaneReady?: number }).__awardPaneReady);
    console.log(`navigation to interactive pane: ${wall} ms (pane rendered ${Math.round(ready ?? NaN)} ms after navigation start)`);
    await expectLocatorText(page.getByRole("heading", { level: 1 }), "AI Subsidy Award Model");
  });

  test("policy year: 2027 leaves 廊坊 without a text in force; back to 2026", async () => {
    await page.getByTestId("year-select").selectOption("2027");
    await page.getByTestId("warning-langfang").waitFor();
    await expectText("warning-langfang", /No text of 廊坊市 is in force in 2027/);
    await expectText("year-in-use", /2027/);
    await page.getByTestId("year-select").selectOption("2026");
    await page.getByTestId("warning-langfang").waitFor({ state: "detached" });
    await expectText("in-use-hangzhou-binjiang", "2025");
    await shot("year");
    await axe("policy year");
  });

  test("scenarios: two scenarios and a policy variant, compared against a baseline", async () => {
    await page.getByRole("tab", { name: "Scenarios" }).click();
    const add = async (label: string, spec: string, amount: string, domestic: boolean) => {
      await page.getByTestId("scenario-spec").selectOption(spec);
      await page.getByTestId("scenario-label").fill(label);
      await page.getByTestId("scenario-amount").fill(amount);
      const box = page.getByRole("checkbox", { name: /Domestic/ });
      if ((await box.isChecked()) !== domestic) await box.click();
      await page.getByRole("button", { name: "Add scenario" }).click();
      await scenario(label).waitFor();
    };
    // 滨江 2025 （六）: 5000万 × 60% (国产) = 3000万 → 单家企业最高2000万元
    await add("滨江 2025", "hangzhou-binjiang@2025", "5000万", true);
    // 广州 draft clause 8: 5000万 × 50% = 2500万 → 300万 a year
    await add("广州", "guangzhou@draft", "5000万", true);
    // the variant: 算力券 at 40% with a 1500万 cap
    await page.getByTestId("variant-field-0").selectOption("compute:standard.rate");
    await page.getByTestId("variant-value-0").fill("40%");
    await page.getByRole("button", { name: "Add another edit" }).click();
    await page.getByTestId("variant-field-1").selectOption("compute:standard.cap");
    await page.getByTestId("variant-value-1").fill("1500万");
    await page.getByRole("button", { name: "Save variant" }).click();
    await page.locator('[data-variant="hangzhou-binjiang@2025~draft-40pct"]').waitFor();
    // non-domestic 5000万 × 40% = 2000万 → the edited 1500万 cap
    await add("40% draft", "hangzhou-binjiang@2025~draft-40pct", "5000万", false);
    await page.getByTestId("baseline").selectOption({ label: "滨江 2025" });

    const award = (label: string) => scenario(label).getByTestId("award-yuan");
    await expectLocatorText(award("滨江 2025"), "20,000,000.00");
    await expectLocatorText(award("广州"), "3,000,000.00");
    await expectLocatorText(award("40% draft"), "15,000,000.00");
    await expectLocatorText(scenario("40% draft").getByTestId("rate-cap"), /40% · 1500万/);
    await expectLocatorText(scenario("40% draft").getByTestId("binding"), /cap/);
    await expectLocatorText(scenario("广州").getByTestId("diff"), /−1700万/);
    await expectLocatorText(scenario("40% draft").getByTestId("diff"), /−500万/);
    await page.getByRole("button", { name: "Insert into sheet" }).click();
    await expectLocatorText(page.getByTestId("scenarios-notice"), /Preview: Excel would receive the table at 'AWARD scenarios'!A3:K6/);
    await shot("scenarios");
    await axe("scenarios");
  });

  test("budget: 廊坊's 1000万 compute pool runs out on 2025-10-15", async () => {
    await page.getByRole("tab", { name: "Budget" }).click();
    await page.getByTestId("budget-spec").selectOption("langfang@2023");
    // 廊坊 clause 2: 每年总额不超过1000万元的算力券
    await expectText("kpi-limit-value", "1000万");
    await page.getByTestId("budget-entries").fill("2025-03-01, 300万, A\n2025-05-10, 400万, B\n2025-08-01, 250万, C\n2025-10-15, 100万, D");
    await page.getByTestId("budget-chart").waitFor();
    await expectText("kpi-committed-value", "1050万");
    await expectText("kpi-exhausted-value", "2025-10-15");
    await page.getByRole("button", { name: "Insert chart" }).click();
    await expectLocatorText(page.getByTestId("budget-notice"), /'AWARD budget'!A3:D7/);
    await shot("budget");
    await axe("budget");
  });

  test("budget per pool: 滨江 2025 算力券 (1亿) and 语料券 (5000万)", async () => {
    await page.getByTestId("budget-spec").selectOption("hangzhou-binjiang@2025");
    await page.getByTestId("budget-programme").selectOption("compute");
    await expectText("kpi-limit-value", "1亿");
    await page.getByTestId("budget-entries").fill("2026-01-10, 6000万, 甲\n2026-02-01, 3000万, 乙, 语料券\n2026-03-01, 5000万, 丙\n2026-04-01, 2500万, 丁, corpus");
    await page.getByTestId("pool-table").waitFor();
    await expectText("kpi-exhausted-value", "2026-03-01");
    await expectLocatorText(page.locator('[data-pool="corpus"]'), /5000万.*5500万.*2026-04-01/);
    await shot("budget-pools");
    await axe("budget per pool");
  });

  test("formula box: any AWARD formula, the variant included", async () => {
    await page.getByRole("tab", { name: "Formula" }).click();
    await page.getByRole("textbox", { name: "Formula" }).fill('=AWARD.COMPUTE_VOUCHER("hangzhou-binjiang@2025~draft-40pct","compute",30000000)');
    // 3000万 × 40% = 1200万, under the edited cap
    await page.getByTestId("formula-value").waitFor();
    await expectText("formula-value", "12000000");
    await shot("formula");
    await axe("formula");
  });

  test("switching to Chinese", async () => {
    await page.getByTestId("language").selectOption("zh");
    await expectLocatorText(page.getByRole("heading", { level: 1 }), "人工智能产业补贴测算");
    await page.getByRole("tab", { name: "情景对比" }).click();
    await expectLocatorText(scenario("40% draft").getByTestId("binding"), /上限/);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("zh-CN");
    await shot("scenarios-zh");
    await page.getByRole("tab", { name: "政策年度" }).click();
    await shot("year-zh");
    await axe("中文");
  });

  test("no request left localhost, and the page raised no error", async () => {
    // office.js schedules its telemetry frame 3 s after loading: wait past it
    await page.waitForTimeout(Math.max(0, 3500 - (Date.now() - loadedAt)));
    expect(external).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
