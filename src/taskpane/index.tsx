import * as React from "react";
import { createRoot } from "react-dom/client";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { App } from "./App";

/* global document, Office */

function render(host: string | null): void {
  const container = document.getElementById("root");
  if (!container) throw new Error("taskpane.html has no #root element");
  createRoot(container).render(
    <React.StrictMode>
      <FluentProvider theme={webLightTheme}>
        <App host={host} />
      </FluentProvider>
    </React.StrictMode>,
  );
}

// Inside Excel, wait for office.js; in a plain browser (preview mode) office.js may be absent
// or never report a host: render straight away then.
if (typeof Office !== "undefined" && typeof Office.onReady === "function") {
  Office.onReady((info) => render(info && info.host ? String(info.host) : null));
} else {
  render(null);
}
