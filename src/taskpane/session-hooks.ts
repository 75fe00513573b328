import * as React from "react";
import { messageIn } from "../engine/errors";
import { useStrings } from "./i18n";
import type { WorkbookSession } from "../workbook/session";
import type { WorkbookState } from "../workbook/state";
import { policyYear } from "../functions/policy-year";

export const SessionContext = React.createContext<WorkbookSession | null>(null);

export function useSession(): WorkbookSession {
  const s = React.useContext(SessionContext);
  if (!s) throw new Error("no workbook session");
  return s;
}

/** The workbook's state, re-rendering on every change. */
export function useWorkbookState(): WorkbookState {
  const session = useSession();
  return React.useSyncExternalStore(
    (cb) => {
      const off = session.subscribe(cb);
      return () => void off();
    },
    () => session.current,
  );
}

/** The policy year formulas use now: the workbook's, or the current year. */
export function useYear(): number {
  const state = useWorkbookState();
  return state.year ?? policyYear();
}

export type Notice = { intent: "success" | "error" | "warning" | "info"; text: string } | null;

/** Runs a change of the workbook, turning failures into an error notice. */
export function useUpdate(): { run: (f: () => Promise<string | Notice | void>) => Promise<void>; notice: Notice; setNotice: (n: Notice) => void } {
  const [notice, setNotice] = React.useState<Notice>(null);
  const lang = useStrings().lang;
  const run = React.useCallback(async (f: () => Promise<string | Notice | void>) => {
    try {
      const msg = await f();
      setNotice(typeof msg === "string" ? (msg ? { intent: "success", text: msg } : null) : msg ?? null);
    } catch (e) {
      // the engine's message in the pane's language
      setNotice({ intent: "error", text: messageIn(e, lang) });
    }
  }, [lang]);
  return { run, notice, setNotice };
}
