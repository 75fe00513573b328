/**
 * @jest-environment jsdom
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
// (The "node" export conditions make packages such as yaml resolve to their CommonJS builds:
// jsdom's default "browser" condition picks ES-module builds that jest cannot load untransformed.)
// The task pane, rendered in jsdom against the real engine, the real formula evaluator and a
// workbook session over the in-memory workbook (the preview's), driven with user-event.
import * as React from "react";
import { act, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { App, EXAMPLE_FORMULA, type AppProps } from "../src/taskpane/App";
import { openForPane } from "../src/taskpane/startup";
import { MemoryWorkbook } from "../src/workbook/memory";
import { WorkbookSession } from "../src/workbook/session";
import { EMPTY_STATE, type WorkbookState } from "../src/workbook/state";
import { setDefaultEngine } from "../src/engine";
import { setPolicyYearSource } from "../src/functions/policy-year";
import { evaluateFormula } from "../src/functions/evaluate";

// Fluent's MessageBar measures itself with ResizeObserver, which jsdom lacks (Excel's webviews have it).
beforeAll(() => {
  if (!("ResizeObserver" in window)) {
    class ResizeObserverStub {
      observe() {}
      unobserve() {}
      disconnect() {}
    }
    Object.defineProperty(window, "ResizeObserver", { value: ResizeObserverStub, configurable: true, writable: true });
  }
});

afterEach(() => {
  setDefaultEngine(null);
  setPolicyYearSource(() => null);
});

const FORMULA = '=AWARD.COMPUTE_VOUCHER("hangzhou-binjiang","compute",20000000,TRUE,2026)';

async function renderApp(props: AppProps = {}, initial: WorkbookState = { ...EMPTY_STATE, year: 2026 }) {
  const workbook = new MemoryWorkbook(initial);
  const session = new WorkbookSession(workbook);
  await session.open();
  const user = userEvent.setup({ delay: null });
  const utils = render(
    <FluentProvider theme={webLightTheme}>
      <App session={session} {...props} />
    </FluentProvider>,
  );
  return { ...utils, user, session, workbook };
}

describe("task pane: shell", () => {
  test("shows the title and, in a plain browser, says it is a preview", async () => {
    await renderApp();
    expect(screen.getByRole("heading", { level: 1 }).textContent).toMatch(/Award Model/);
    expect(screen.getByText(/Preview/)).toBeTruthy();
  });

  test("follows Office's display language (zh-CN), and the pane can switch it", async () => {
    const { user, workbook } = await renderApp({ displayLanguage: "zh-CN" });
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("人工智能产业补贴测算");
    expect(screen.getByRole("tab", { name: "情景对比" })).toBeTruthy();
    await user.selectOptions(screen.getByTestId("language"), "en");
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("AI Subsidy Award Model");
    expect((await workbook.load()).language).toBe("en");
  });

  test("starts with the example formula evaluated, and evaluates what is typed", async () => {
    expect(EXAMPLE_FORMULA).toBe(FORMULA);
    const { user } = await renderApp({ initialTab: "formula" });
    // 2025 Binjiang （六）: 60% of 2000万 of domestic compute
    await waitFor(() => expect(screen.getByTestId("formula-value").textContent).toBe("12000000"));
    const box = screen.getByRole("textbox", { name: /formula/i });
    await user.clear(box);
    await user.type(box, '=AWARD.COMPUTE_VOUCHER("nowhere","compute",1)');
    await waitFor(() => expect(screen.getByTestId("formula-error-code").textContent).toBe("#VALUE!"));
    expect(screen.getByTestId("formula-error-message").textContent).toMatch(/nowhere/);
  });

  test("an assumed in-force window is marked as such where the policy year tab shows it", async () => {
    await renderApp();
    // 广州 draft: "自发布之日起施行，实施期五年" gives no date, so 2025-01-01 to 2029-12-31 is assumed; 廊坊 too
    expect(screen.getByTestId("assumed-guangzhou@draft").textContent).toBe("window assumed");
    expect(screen.getByTestId("assumed-langfang@2023")).toBeTruthy();
    expect(screen.queryByTestId("assumed-hangzhou-binjiang@2025")).toBeNull();
  });

  test("a spilled result is a table; EXPLAIN is steps with their quotes", async () => {
    const { user } = await renderApp({ initialTab: "formula", initialFormula: '=AWARD.ROUTES("langfang","compute",2024)' });
    const table = await waitFor(() => screen.getByTestId("formula-table"));
    // 廊坊 item 2: three routes, one row each under the header
    expect(within(table).getAllByRole("row")).toHaveLength(4);
    expect(within(table).getAllByRole("columnheader")[0].textContent).toBe("route");
    const box = screen.getByRole("textbox", { name: /formula/i });
    await user.clear(box);
    await user.type(box, '=AWARD.EXPLAIN("guangzhou","7",1500000,,2026)');
    const steps = await waitFor(() => screen.getByTestId("formula-steps"));
    // 第七条: 项目固定资产投入的30%补助，最高不超过2000万元 — the rate step quotes it, the last step is the award
    expect(steps.textContent).toMatch(/按照项目固定资产投入的30%补助，最高不超过2000万元/);
    expect(within(steps).getAllByRole("listitem").at(-1)!.textContent).toMatch(/award.*450000/);
  });
});

test("when Excel refuses the first recalculation (a cell being edited), the pane still renders and says so", async () => {
  // a workbook with a saved year: opening recalculates, and Excel refuses while a cell is edited
  class EditingWorkbook extends MemoryWorkbook {
    override async recalculate(): Promise<void> {
      throw new Error("InvalidOperationInCellEditMode: Excel is in cell-editing mode.");
    }
  }
  const session = new WorkbookSession(new EditingWorkbook({ ...EMPTY_STATE, year: 2024 }));
  const startupError = await openForPane(session);
  expect(startupError).toMatch(/CellEditMode/);
  // the saved year is applied all the same
  expect(session.current.year).toBe(2024);
  render(
    <FluentProvider theme={webLightTheme}>
      <App session={session} host="Excel" displayLanguage="zh-CN" startupError={startupError} />
    </FluentProvider>,
  );
  expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("人工智能产业补贴测算");
  expect(screen.getByTestId("startup-error").textContent).toMatch(/编辑单元格时拒绝重算.*CellEditMode|CellEditMode.*编辑单元格时拒绝重算/);
});

describe("task pane: policy year", () => {
  test("lists each jurisdiction's versions with status and window, marking the one in use", async () => {
    await renderApp();
    const list = screen.getByRole("list", { name: /Policies: 杭州高新区/ });
    const item = within(list).getByText("hangzhou-binjiang@2025").closest("li")!;
    expect(within(item).getByText("final")).toBeTruthy();
    expect(within(item).getByText("in use")).toBeTruthy();
    expect(item.textContent).toMatch(/2025-06-10 – 2028-06-09/);
    expect(within(list).getByText("hangzhou-binjiang@2025-draft").closest("li")!.textContent).toMatch(/never in force/);
  });

  test("changing the year saves it, recalculates, feeds formulas, and warns where no text is in force", async () => {
    const { user, workbook } = await renderApp();
    const before = workbook.recalculations;
    await user.selectOptions(screen.getByTestId("year-select"), "2027");
    await waitFor(() => expect(screen.getByTestId("year-in-use").textContent).toMatch(/2027/));
    expect((await workbook.load()).year).toBe(2027);
    expect(workbook.recalculations).toBe(before + 1);
    // 廊坊: in force 2023-01-04 to 2026-01-03 (assumed) → nothing in 2027
    expect(screen.getByTestId("warning-langfang").textContent).toMatch(/No text of 廊坊市 is in force in 2027/);
    expect(evaluateFormula('=AWARD.VERSION("langfang")').error!.code).toBe("#N/A");
  });

  test("pinning the 2023 text makes 滨江 resolve to it, with a warning that it was repealed", async () => {
    const { user, workbook } = await renderApp();
    await user.selectOptions(screen.getByTestId("pin-hangzhou-binjiang"), "2023");
    await waitFor(() => expect(screen.getByTestId("in-use-hangzhou-binjiang").textContent).toBe("2023"));
    expect(screen.getByTestId("warning-hangzhou-binjiang").textContent).toMatch(/repealed 2025-06-10 by hangzhou-binjiang@2025/);
    expect((await workbook.load()).pins).toEqual({ "hangzhou-binjiang": "2023" });
    expect(evaluateFormula('=AWARD.VERSION("滨江")').value).toBe("hangzhou-binjiang@2023");
  });

  test("reports policies that cannot be listed instead of crashing", async () => {
    await renderApp({
      jurisdictionViews: () => {
        throw new Error("policies/x.yaml: /status: bad");
      },
    });
    expect(screen.getByText(/Policies could not be loaded/)).toBeTruthy();
    expect(screen.getByText(/policies\/x\.yaml/)).toBeTruthy();
  });
});

describe("task pane: scenarios and variants", () => {
  test("the example compares 5000万 of domestic compute across the texts against 滨江 2025", async () => {
    const { user } = await renderApp({ initialTab: "scenarios" });
    await user.click(screen.getByRole("button", { name: /Example/ }));
    const rows = await screen.findAllByRole("listitem");
    const row = (label: string) => rows.find((r) => r.getAttribute("data-scenario") === label)!;
    expect(within(row("滨江 2025")).getByTestId("award").textContent).toBe("2000万");
    expect(within(row("滨江 2025")).getByTestId("award-yuan").textContent).toBe("20,000,000.00");
    expect(within(row("滨江 2023")).getByTestId("award-yuan").textContent).toBe("1,000,000.00");
    expect(within(row("滨江 2023")).getByTestId("diff").textContent).toMatch(/−1900万/);
    expect(within(row("广州")).getByTestId("rate-cap").textContent).toMatch(/50% · 300万/);
    expect(within(row("廊坊")).getByTestId("binding").textContent).toMatch(/shared cap/);
  });

  test("a variant edited in the pane is saved and a scenario can use it; Insert writes live formulas", async () => {
    const { user, workbook } = await renderApp({ initialTab: "scenarios" });
    // the variant: 算力券 at 40% with a 1500万 cap
    await user.selectOptions(screen.getByTestId("variant-field-0"), "compute:standard.rate");
    await user.type(screen.getByTestId("variant-value-0"), "40%");
    await user.click(screen.getByRole("button", { name: "Add another edit" }));
    await user.selectOptions(screen.getByTestId("variant-field-1"), "compute:standard.cap");
    await user.type(screen.getByTestId("variant-value-1"), "1500万");
    await user.click(screen.getByRole("button", { name: "Save variant" }));
    await waitFor(() => expect(screen.getByTestId("variant-notice").textContent).toMatch(/Saved hangzhou-binjiang@2025~draft-40pct/));
    expect((await workbook.load()).variants[0].edits).toEqual([{ field: "compute:standard.rate", value: "40%" }, { field: "compute:standard.cap", value: "1500万" }]);
    // a scenario on the variant, not domestic: 5000万 × 40% = 2000万 → the edited 1500万 cap
    await user.selectOptions(screen.getByTestId("scenario-spec"), "hangzhou-binjiang@2025~draft-40pct");
    await user.click(screen.getByTestId("scenario-domestic"));
    await user.type(screen.getByTestId("scenario-label"), "40% draft");
    await user.click(screen.getByRole("button", { name: "Add scenario" }));
    const row = await waitFor(() => document.querySelector('[data-scenario="40% draft"]') as HTMLElement);
    expect(within(row).getByTestId("award-yuan").textContent).toBe("15,000,000.00");
    expect(within(row).getByTestId("rate-cap").textContent).toMatch(/40% · 1500万/);
    expect(within(row).getByTestId("binding").textContent).toMatch(/cap/);
    await user.click(screen.getByRole("button", { name: "Insert into sheet" }));
    await waitFor(() => expect(workbook.tables).toHaveLength(1));
    // live formulas, then where the award comes from: 滨江 2025 （六）, 杭高新〔2025〕9号, the edited cap's sentence
    expect(workbook.tables[0].rows[0].slice(0, 8)).toEqual(["40% draft", "hangzhou-binjiang@2025~draft-40pct", "compute", "5000万", false, "=AWARD.COMPUTE_VOUCHER(B4,C4,D4,E4)", "=AWARD.VERSION(B4)", ""]);
    expect(workbook.tables[0].rows[0].slice(8, 10)).toEqual(["6", "杭高新〔2025〕9号"]);
    expect(workbook.tables[0].rows[0][10]).toMatch(/^what-if edit in hangzhou-binjiang@2025~draft-40pct: compute:standard.cap 2000万元 → 1500万元 .*给予单家企业最高2000万元补助/);
    expect(workbook.tables[0].header).toHaveLength(11);
    // and the card says the same, the sentence one click away
    expect(within(row).getByTestId("source-clause").textContent).toBe("clause 6");
    expect(within(row).getByTestId("source-document").textContent).toBe("杭高新〔2025〕9号");
    expect(within(row).getByTestId("source-quote").textContent).toMatch(/1500万元/);
  });

  test("a scenario is edited in the form, and a bad spend is refused there", async () => {
    const one = { id: "a", label: "bj", jurisdiction: "hangzhou-binjiang@2025", programme: "compute", amount: "5000万", domestic: true };
    const { user, workbook } = await renderApp({ initialTab: "scenarios" }, { ...EMPTY_STATE, year: 2026, scenarios: [one] });
    await user.click(screen.getByRole("button", { name: "Edit bj" }));
    const amount = screen.getByTestId("scenario-amount");
    await user.clear(amount);
    await user.type(amount, "lots");
    // refused in the form, with what is accepted; nothing saved
    expect(screen.getByRole("button", { name: "Save scenario" })).toHaveProperty("disabled", true);
    expect(document.body.textContent).toMatch(/lots/);
    await user.clear(amount);
    await user.type(amount, "1000万");
    await user.click(screen.getByRole("button", { name: "Save scenario" }));
    // 滨江 2025 （六）: 60% of 1000万 of domestic compute = 600万, the same scenario edited (not added)
    await waitFor(async () => expect((await workbook.load()).scenarios).toEqual([{ ...one, amount: "1000万" }]));
    await waitFor(() => expect(screen.getByTestId("award-yuan").textContent).toBe("6,000,000.00"));
  });

  test("replacing a variant asks first; a variant that leaves a scenario's rate as it was says so", async () => {
    const variant = { base: "hangzhou-binjiang@2025", name: "r40", edits: [{ field: "compute:standard.rate", value: "40%" }] };
    const domestic = { id: "a", label: "dom", jurisdiction: "hangzhou-binjiang@2025~r40", programme: "compute", amount: "5000万", domestic: true };
    const { user, workbook } = await renderApp({ initialTab: "scenarios" }, { ...EMPTY_STATE, year: 2026, variants: [variant], scenarios: [domestic] });
    await user.clear(screen.getByTestId("variant-name"));
    await user.type(screen.getByTestId("variant-name"), "r40");
    await user.selectOptions(screen.getByTestId("variant-field-0"), "compute:standard.rate");
    await user.type(screen.getByTestId("variant-value-0"), "45%");
    await user.click(screen.getByRole("button", { name: "Save variant" }));
    // asked, not saved
    expect(screen.getByTestId("variant-replace").textContent).toMatch(/hangzhou-binjiang@2025~r40 is already saved/);
    expect((await workbook.load()).variants[0].edits[0].value).toBe("40%");
    await user.click(screen.getByRole("button", { name: "Replace" }));
    await waitFor(() => expect(screen.getByTestId("variant-notice").textContent).toMatch(/Saved hangzhou-binjiang@2025~r40/));
    expect((await workbook.load()).variants[0].edits[0].value).toBe("45%");
    // 滨江 2025 （六）: a domestic scenario is paid the domestic rate, 60%, which editing the rate leaves alone
    expect(screen.getByTestId("variant-notice").textContent).toMatch(/"dom" uses a rate this variant leaves as it was \(60%\)/);
    expect(screen.queryByTestId("variant-replace")).toBeNull();
  });

  test("a bad variant edit is refused with the engine's message and nothing is saved", async () => {
    const { user, workbook } = await renderApp({ initialTab: "scenarios" });
    await user.type(screen.getByTestId("variant-value-0"), "140%");
    await user.click(screen.getByRole("button", { name: "Save variant" }));
    await waitFor(() => expect(screen.getByTestId("variant-notice").textContent).toMatch(/outside 0% to 100%/));
    expect((await workbook.load()).variants).toEqual([]);
  });
});

describe("task pane: budget", () => {
  test("pool from FUND_LIMIT, commitments typed, exhaustion date and chart; Insert chart", async () => {
    const { user, workbook } = await renderApp({ initialTab: "budget" });
    await user.selectOptions(screen.getByTestId("budget-spec"), "langfang@2023");
    // 廊坊 clause 2: 每年总额不超过1000万元的算力券
    await waitFor(() => expect(screen.getByTestId("kpi-limit-value").textContent).toBe("1000万"));
    const entries = screen.getByTestId("budget-entries");
    await user.click(entries);
    await user.paste("2025-03-01, 300万\n2025-05-10, 400万\n2025-08-01, 250万\n2025-10-15, 100万");
    expect(screen.getByTestId("kpi-committed-value").textContent).toBe("1050万");
    expect(screen.getByTestId("kpi-exhausted-value").textContent).toBe("2025-10-15");
    expect(screen.getByTestId("kpi-exhausted").textContent).toMatch(/50万/);
    expect(screen.getByTestId("budget-chart").getAttribute("aria-label")).toMatch(/1050万 \/ 1000万, 2025-10-15/);
    await user.click(screen.getByRole("button", { name: "Insert chart" }));
    await waitFor(() => expect(workbook.charts).toHaveLength(1));
    expect(workbook.charts[0].rows[3]).toEqual(["2025-10-15", 1000000, "=SUM(B$4:B7)", '=AWARD.FUND_LIMIT("langfang@2023","compute")']);
    expect((await workbook.load()).budget!.entries).toHaveLength(4);
  });

  test("commitments naming other pools are summed per pool", async () => {
    const { user } = await renderApp({ initialTab: "budget" });
    await waitFor(() => expect(screen.getByTestId("kpi-limit-value").textContent).toBe("1亿"));
    await user.click(screen.getByTestId("budget-entries"));
    await user.paste("2026-01-10, 6000万\n2026-02-01, 3000万, 乙, 语料券\n2026-03-01, 5000万\n2026-04-01, 2500万, 丁, corpus");
    // 算力券 (the chosen pool, 1亿): 6000万 + 5000万 → runs out on 2026-03-01
    expect(screen.getByTestId("kpi-committed-value").textContent).toBe("1.1亿");
    const table = screen.getByTestId("pool-table");
    const corpus = table.querySelector('[data-pool="corpus"]') as HTMLElement;
    // 语料券 (（七）: 每年安排5000万元): 3000万 + 2500万 → 2026-04-01
    expect(corpus.textContent).toMatch(/5000万.*5500万.*2026-04-01/);
  });

  test("an applications table selected in the sheet fills the commitments", async () => {
    const { user, workbook } = await renderApp({ initialTab: "budget" });
    // 滨江 2025 （六）: 每年安排最高1亿元“算力券”
    await waitFor(() => expect(screen.getByTestId("kpi-limit-value").textContent).toBe("1亿"));
    workbook.selection = { address: "Sheet1!A1:C3", values: [["日期", "金额", "企业"], [46037, 60000000, "甲"], [46073, 50000000, "乙"]] };
    await user.click(screen.getByRole("button", { name: /Use the selected cells/ }));
    await waitFor(() => expect(screen.getByTestId("selection-notice").textContent).toMatch(/Read 2 commitments from Sheet1!A1:C3/));
    // 6000万 on 2026-01-15, then 5000万 on 2026-02-20 (serial 46073) brings it to 1.1亿 ≥ 1亿
    expect(screen.getByTestId("kpi-exhausted-value").textContent).toBe("2026-02-20");
  });
});
