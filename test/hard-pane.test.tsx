/**
 * @jest-environment jsdom
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
// Issue 12, finding 4 in the pane: settings that are not JSON are shown as kept aside, nothing is
// saved over them, and only the user's "start afresh" lets a change be saved.
import * as React from "react";
import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { App } from "../src/taskpane/App";
import { MemoryWorkbook } from "../src/workbook/memory";
import { WorkbookSession } from "../src/workbook/session";
import { setDefaultEngine } from "../src/engine";
import { setPolicyYearSource } from "../src/functions/policy-year";

beforeAll(() => {
  if (!("ResizeObserver" in window)) {
    class ResizeObserverStub { observe() {} unobserve() {} disconnect() {} }
    Object.defineProperty(window, "ResizeObserver", { value: ResizeObserverStub, configurable: true, writable: true });
  }
});
afterEach(() => {
  setDefaultEngine(null);
  setPolicyYearSource(() => null);
});

test("unreadable settings: the pane says so, keeps them, and saves only after 'start afresh'", async () => {
  const raw = '{"schema":1,"year":2026,"scenarios":[{"label":"x"'; // cut short
  const workbook = new MemoryWorkbook(raw);
  const session = new WorkbookSession(workbook);
  await session.open();
  const user = userEvent.setup({ delay: null });
  render(<FluentProvider theme={webLightTheme}><App session={session} initialTab="year" /></FluentProvider>);
  const bar = await screen.findByTestId("settings-notice");
  expect(bar.textContent).toMatch(/not valid JSON.*kept aside, untouched/);
  expect(workbook.backup).toBe(raw);
  await user.selectOptions(screen.getByTestId("year-select"), "2027");
  expect(workbook.savedText).toBe(raw); // nothing saved over it
  await user.click(screen.getByTestId("settings-afresh"));
  await user.selectOptions(screen.getByTestId("year-select"), "2027");
  await waitFor(() => expect(JSON.parse(workbook.savedText).year).toBe(2027));
  expect(workbook.backup).toBe(raw);
});
