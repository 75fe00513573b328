import * as React from "react";
import { createRoot } from "react-dom/client";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { App } from "./App";
import { MemoryWorkbook } from "../workbook/memory";
import { OfficeWorkbook, officeReady } from "../workbook/office";
import { WorkbookSession } from "../workbook/session";
import { openForPane } from "./startup";

/* global document */

async function start(host: string | null, displayLanguage: string | null): Promise<void> {
  const container = document.getElementById("root");
  if (!container) throw new Error("taskpane.html has no #root element");
  // Inside Excel the workbook's settings (policy year, pins, variants) are applied before the
  // pane draws, so formulas and pane agree from the first answer. In a plain browser: preview.
  const session = new WorkbookSession(host === "Excel" ? new OfficeWorkbook() : new MemoryWorkbook());
  // the pane renders even when opening fails (a cell being edited), and says so
  const startupError = await openForPane(session);
  createRoot(container).render(
    <React.StrictMode>
      <FluentProvider theme={webLightTheme}>
        <App host={host} session={session} displayLanguage={displayLanguage ?? navigator.language} startupError={startupError} />
      </FluentProvider>
    </React.StrictMode>,
  );
  (window as unknown as { __awardPaneReady?: number }).__awardPaneReady = performance.now();
}

void officeReady().then(({ host, displayLanguage }) => start(host, displayLanguage));
