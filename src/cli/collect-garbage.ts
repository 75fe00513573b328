// A full garbage collection on demand, for the one moment a command lets go of most of what it held
// (exposure: a million rows' results, once the awards sheet is written). V8 would otherwise collect
// them only once the heap had grown by about half again, and the traces would be written in that
// much more memory. Node gives `gc` only to a process started with --expose-gc; the flag set now
// gives it to a new context, whose `gc` collects the whole process. Without it, nothing is done.
import * as v8 from "v8";
import * as vm from "vm";

let gc: (() => void) | null | undefined;

export function collectGarbage(): void {
  if (gc === undefined) {
    try {
      v8.setFlagsFromString("--expose-gc");
      const made: unknown = vm.runInNewContext("typeof gc === 'function' ? gc : null");
      gc = typeof made === "function" ? (made as () => void) : null;
    } catch {
      gc = null;
    }
  }
  gc?.();
}
