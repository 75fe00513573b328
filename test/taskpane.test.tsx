/**
 * @jest-environment jsdom
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
// (The "node" export conditions make packages such as yaml resolve to their CommonJS builds:
// jsdom's default "browser" condition picks ES-module builds that jest cannot load untransformed.)
// The task pane, rendered in jsdom against the real engine and the real formula evaluator
// (policies read from policies/ as in Node; the add-in gets the same files from the build).
import * as React from "react";
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { App, EXAMPLE_FORMULA } from "../src/taskpane/App";

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

const FORMULA = '=AWARD.COMPUTE_VOUCHER("hangzhou-binjiang","compute",20000000,TRUE,2026)';

function renderApp(props: React.ComponentProps<typeof App> = {}) {
  return render(
    <FluentProvider theme={webLightTheme}>
      <App {...props} />
    </FluentProvider>,
  );
}

function typeFormula(text: string) {
  const input = screen.getByRole("textbox", { name: /formula/i });
  act(() => {
    fireEvent.change(input, { target: { value: text } });
  });
}

describe("task pane", () => {
  test("shows the title and, in a plain browser, says it is a preview", () => {
    renderApp();
    expect(screen.getByRole("heading", { level: 1 }).textContent).toMatch(/Award Model/);
    expect(screen.getByText(/preview mode/)).toBeTruthy();
  });

  test("lists the policy versions with status and in-force window", () => {
    renderApp();
    const list = screen.getByRole("list", { name: /policies/i });
    const item = within(list).getByText("hangzhou-binjiang@2025").closest("li")!;
    expect(item).not.toBeNull();
    expect(within(item).getByText("final")).toBeTruthy();
    expect(item.textContent).toMatch(/2025-06-10 – 2028-06-09/);
    // drafts are listed too, marked as such
    expect(within(list).getAllByText("draft").length).toBeGreaterThan(0);
  });

  test("evaluates the formula typed in the box: 60% of 2000万 under the 2025 Binjiang text", async () => {
    renderApp({ initialFormula: "" });
    typeFormula(FORMULA);
    await waitFor(() => expect(screen.getByTestId("formula-value").textContent).toBe("12000000"));
    expect(screen.queryByTestId("formula-error-code")).toBeNull();
  });

  test("starts with the example formula already evaluated", async () => {
    expect(EXAMPLE_FORMULA).toBe(FORMULA);
    renderApp();
    await waitFor(() => expect(screen.getByTestId("formula-value").textContent).toBe("12000000"));
  });

  test("shows the error code and message of a failing formula", async () => {
    renderApp({ initialFormula: "" });
    typeFormula('=AWARD.COMPUTE_VOUCHER("nowhere","compute",1)');
    await waitFor(() => expect(screen.getByTestId("formula-error-code").textContent).toMatch(/^#/));
    expect(screen.getByTestId("formula-error-message").textContent).toMatch(/nowhere/);
    expect(screen.queryByTestId("formula-value")).toBeNull();

    typeFormula("=AWARD.NOPE()");
    await waitFor(() => expect(screen.getByTestId("formula-error-code").textContent).toBe("#NAME?"));
  });

  test("reports a registry that cannot load instead of crashing", () => {
    renderApp({
      listVersions: () => {
        throw new Error("policies/x.yaml: /status: bad");
      },
    });
    expect(screen.getByText(/Policies could not be loaded/)).toBeTruthy();
    expect(screen.getByText(/policies\/x\.yaml/)).toBeTruthy();
  });
});
