// A stub Office host for Microsoft's custom-functions runtime (custom-functions-runtime.js from
// @microsoft/office-js): the runtime and the built functions bundle run in one VM context, as in
// Excel's JavaScript runtime, and the stub talks to the runtime over its native bridge the way Excel
// does: invocation messages in (ranges as 2-D arrays, omitted arguments as null; the runtime appends
// the invocation), SetInvocationArrayResults requests out.
import * as fs from "fs";
import * as path from "path";
import * as vm from "vm";

const RUNTIME = path.resolve(__dirname, "../../node_modules/@microsoft/office-js/dist/custom-functions-runtime.js");

/** What the runtime reported for one invocation: a value, or an Excel error code and message. */
export interface Outcome { ok: boolean; value: unknown; errorCode?: number; message?: string }
/** The runtime's result error codes (CustomFunctionProxy): #N/A 1, #NUM! 6, #VALUE! 7. */
export const RESULT_CODES: Record<string, number> = { "#N/A": 1, "#NUM!": 6, "#VALUE!": 7 };

export interface Host {
  /** Every id the bundle passed to CustomFunctions.associate, in order, repeats kept. */
  associated: string[];
  /** What the runtime warned about (e.g. [DuplicatedName]). */
  warnings: string[];
  /** Invokes the functions as one batch, as Excel does in a recalculation. */
  invoke(calls: { id: string; args: unknown[] }[]): Promise<Outcome[]>;
  close(): void;
}

export function loadHost(functionsJs: string, displayLanguage = "en-US"): Host {
  const timers = new Set<NodeJS.Timeout>();
  const waiting = new Map<number, (o: Outcome) => void>();
  const warnings: string[] = [];
  const bridge: { sendMessageToHost(text: string): void; onMessageFromHost?: (text: string) => void } = {
    sendMessageToHost(text) {
      const m = JSON.parse(text) as { id: number; message: { body: { Actions?: { Name: string; ArgumentInfo: { Arguments: unknown[][] } }[] } } };
      for (const a of m.message.body.Actions ?? []) {
        if (a.Name !== "SetInvocationArrayResults") continue;
        for (const r of a.ArgumentInfo.Arguments[0] as unknown[][]) {
          const [id, ok, value, errorCode] = r as [number, boolean, unknown, number?];
          waiting.get(id)?.(ok ? { ok, value } : { ok, value: null, errorCode, message: String(value) });
        }
      }
      // the host's answer to the request, so the runtime goes on sending results
      later(() => bridge.onMessageFromHost!(JSON.stringify({ id: m.id, type: 2, message: { statusCode: 200, headers: {}, body: "{\"Results\":[]}" } })), 0);
    },
  };
  const later = (fn: () => void, ms?: number) => {
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    timers.add(t);
    return t;
  };
  const ctx: Record<string, unknown> = {
    console: { log() {}, info() {}, debug() {}, error: (...a: unknown[]) => warnings.push(a.join(" ")), warn: (...a: unknown[]) => warnings.push(a.join(" ")) },
    setTimeout: later,
    clearTimeout: (t: NodeJS.Timeout) => { clearTimeout(t); timers.delete(t); },
    navigator: { userAgent: "Excel stub host" },
    location: { href: "https://localhost/functions.html", search: "", hash: "", protocol: "https:" },
    document: {
      readyState: "complete",
      addEventListener() {},
      // the runtime finds its own base path from its script tag
      getElementsByTagName: (t: string) => (t === "script" ? [{ src: "https://localhost/custom-functions-runtime.js", getAttribute: () => null }] : [{ appendChild() {} }]),
      createElement: () => ({ setAttribute() {} }),
    },
    history: {},
    addEventListener() {},
    OfficeExt: { MsAjaxError() {} },
    _richApiNativeBridge: bridge,
  };
  vm.createContext(ctx);
  vm.runInContext("this.window = this; this.self = this;", ctx);
  vm.runInContext(fs.readFileSync(RUNTIME, "utf8"), ctx, { filename: "custom-functions-runtime.js" });
  const cf = ctx.CustomFunctions as { associate: (...a: unknown[]) => void };
  const associated: string[] = [];
  const associate = cf.associate;
  cf.associate = (...a: unknown[]) => {
    associated.push(typeof a[0] === "string" ? a[0] : `{${Object.keys(a[0] as object).join(",")}}`);
    associate(...a);
  };
  // a current Excel: its display language, and every requirement set (ExcelApi 1.16: entity values)
  (ctx.Office as { context?: unknown }).context = { displayLanguage, requirements: { isSetSupported: () => true } };
  vm.runInContext(functionsJs, ctx, { filename: "functions.js" });

  let next = 1;
  return {
    associated,
    warnings,
    invoke(calls) {
      const entries = calls.map((c) => [1, 1000, 0, JSON.stringify([next++, c.id, c.args, "Sheet1!A1", 0])]);
      const first = next - calls.length;
      const outcomes = calls.map((_, i) => new Promise<Outcome>((resolve) => waiting.set(first + i, resolve)));
      bridge.onMessageFromHost!(JSON.stringify({ type: 3, message: { entries } }));
      return Promise.all(outcomes);
    },
    close() {
      for (const t of timers) clearTimeout(t);
      timers.clear();
    },
  };
}
