/**
 * @jest-environment jsdom
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
// The Budget view's forecast in jsdom (no Worker there: the job runs in slices in the page's thread,
// the path a host without workers takes): run, progress, cancel, baseline and reform side by side,
// Insert writing the table and a chart into the workbook.
import * as React from "react";
import { render, screen, waitFor, fireEvent } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { App } from "../src/taskpane/App";
import { pipelineCells } from "../src/taskpane/BudgetForecast";
import { MemoryWorkbook } from "../src/workbook/memory";
import { WorkbookSession } from "../src/workbook/session";
import { EMPTY_STATE, type WorkbookState } from "../src/workbook/state";
import { setDefaultEngine } from "../src/engine";

beforeAll(() => {
  if (!("ResizeObserver" in window)) {
    class ResizeObserverStub { observe() {} unobserve() {} disconnect() {} }
    Object.defineProperty(window, "ResizeObserver", { value: ResizeObserverStub, configurable: true, writable: true });
  }
});
afterEach(() => setDefaultEngine(null));

// 广州 第八条 large-model: 50% of 3000万, capped at 1000万; 60 such applicants against 第二十七条's 5亿.
const PIPELINE = "申请单位\t政策\t项目类型\t路径\t金额\t数量\t从\t至\n大模型企业\t广州\t算力券\tlarge-model\t3000万\t50\t2026-02-01\t2026-10-31";
const VARIANT = { base: "guangzhou@draft", name: "rate-30", edits: [{ field: "compute:large-model.rate", value: "30%" }] };

async function renderBudget(initial: WorkbookState) {
  const workbook = new MemoryWorkbook(initial);
  const session = new WorkbookSession(workbook);
  await session.open();
  const user = userEvent.setup({ delay: null });
  render(<FluentProvider theme={webLightTheme}><App session={session} initialTab="budget" /></FluentProvider>);
  return { user, workbook };
}

test("a pasted pipeline: split by tabs, commas or semicolons", () => {
  expect(pipelineCells("a,b;c\n1,2;3\n")).toEqual([["a", "b;c"], ["1", "2;3"]]);
  expect(pipelineCells("a\tb\n1\t2")).toEqual([["a", "b"], ["1", "2"]]);
});

test("runs with progress; baseline and a lower 算力券 rate side by side; Insert writes the table and a chart", async () => {
  const { user, workbook } = await renderBudget({ ...EMPTY_STATE, year: 2026, variants: [VARIANT] });
  fireEvent.change(screen.getByTestId("forecast-pipeline"), { target: { value: PIPELINE } });
  fireEvent.change(screen.getByTestId("forecast-trials"), { target: { value: "60" } });
  await user.selectOptions(screen.getByTestId("forecast-compare"), "guangzhou@draft~rate-30");
  await user.click(screen.getByTestId("forecast-run"));
  await waitFor(() => expect(screen.getByTestId("forecast-results")).toBeTruthy(), { timeout: 30000 });
  const pool = screen.getByTestId("forecast-pool");
  expect(pool.getAttribute("data-pool")).toBe("guangzhou@draft total 2026");
  // Poisson(50) applicants of 1000万 each: the 5亿 is used up when 50 or more come, about half the trials
  const p = Number(/(\d+)%/.exec(screen.getByTestId("forecast-pexhausted").textContent!)![1]);
  expect(p).toBeGreaterThan(25);
  expect(p).toBeLessThan(80);
  // at 30% (900万 each) it takes 56 applicants: rarely
  const reform = Number(/→ (\d+(?:\.\d)?)%/.exec(screen.getByTestId("forecast-pexhausted").textContent!)![1]);
  expect(reform).toBeLessThan(p);
  expect(screen.getByTestId("fan-baseline")).toBeTruthy();
  expect(screen.getByTestId("fan-reform")).toBeTruthy();
  await user.click(screen.getByTestId("forecast-insert"));
  await waitFor(() => expect(screen.getByTestId("forecast-notice").textContent).toMatch(/Inserted at/));
  const chart = workbook.charts.find((x) => x.sheet === "AWARD forecast")!;
  expect(chart.rows).toHaveLength(12);
  expect(chart.header).toEqual(["month", "P(used up)", "awarded p10", "awarded p50", "awarded p90", "pool", "guangzhou@draft~rate-30 P(used up)", "guangzhou@draft~rate-30 awarded p50"]);
  expect(chart.rows[11][5]).toBe(500000000);
  expect(chart.series).toEqual([2, 3, 4, 5, 7]);
});

test("cancel stops the run and says so", async () => {
  const { user } = await renderBudget({ ...EMPTY_STATE, year: 2026 });
  fireEvent.change(screen.getByTestId("forecast-pipeline"), { target: { value: PIPELINE } });
  fireEvent.change(screen.getByTestId("forecast-trials"), { target: { value: "5000" } });
  await user.click(screen.getByTestId("forecast-run"));
  await waitFor(() => expect(screen.getByTestId("forecast-progress").textContent).toMatch(/of 5000 trials/));
  await user.click(screen.getByTestId("forecast-cancel"));
  await waitFor(() => expect(screen.queryByTestId("forecast-progress")).toBeNull());
  expect(screen.getByTestId("forecast-notice").textContent).toMatch(/Forecast cancelled/);
  expect(screen.queryByTestId("forecast-results")).toBeNull();
});
