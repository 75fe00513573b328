// Office.context.document.settings on office-addin-mock, for tests of the workbook layer: the
// settings live in `store`; each saveAsync is counted in `saves` and fails when asked to.
import { OfficeMockObject } from "office-addin-mock";

export function installOffice(saved: Record<string, unknown> = {}, saveFails = false) {
  const store = { ...saved };
  const saves: number[] = [];
  const office = new OfficeMockObject({
    context: {
      document: {
        settings: {
          get: (k: string) => (k in store ? store[k] : null),
          set: (k: string, v: unknown) => void (store[k] = v),
          saveAsync: (cb: (r: unknown) => void) => {
            saves.push(1);
            cb(saveFails ? { status: "failed", error: { message: "read-only workbook" } } : { status: "succeeded" });
          },
        },
      },
    },
  });
  // enums are plain values in office.js, not proxy properties that need load()
  Object.assign(office, { AsyncResultStatus: { Failed: "failed", Succeeded: "succeeded" } });
  (global as unknown as { Office?: unknown }).Office = office;
  return { store, saves };
}
