// The workbook session: the saved state, applied to the AWARD functions. A change is checked
// first (variants and pins must build an engine), then saved in the workbook, then applied
// (new default engine, policy year source) and the workbook recalculated, so every AWARD
// formula answers under the new ground. The React pane only talks to this.
import { engineWith, setDefaultEngine, type Engine } from "../engine";
import { setPolicyYearSource } from "../functions/policy-year";
import type { WorkbookHost } from "./host";
import { EMPTY_STATE, type WorkbookState } from "./state";

export type Listener = (state: WorkbookState) => void;

export class WorkbookSession {
  private state: WorkbookState = EMPTY_STATE;
  private engine: Engine | null = null;
  private readonly listeners = new Set<Listener>();
  /** why the saved state could not be applied (e.g. a variant of a version since removed), or null */
  loadError: string | null = null;

  constructor(readonly host: WorkbookHost) {}

  /** Reads the workbook's state and applies it; a state that does not build is reported, not applied. */
  async open(): Promise<WorkbookState> {
    const saved = await this.host.load();
    try {
      this.apply(saved, engineWith({ variants: saved.variants, pins: saved.pins }));
    } catch (e) {
      this.loadError = e instanceof Error ? e.message : String(e);
      this.apply({ ...saved, variants: [], pins: {} }, engineWith({}));
    }
    // Excel may have computed AWARD cells before the add-in read the workbook's settings (with
    // the current year and no variants): compute them again under the saved ground.
    const s = this.state;
    if (s.year !== null || Object.keys(s.pins).length > 0 || s.variants.length > 0) await this.host.recalculate();
    return this.state;
  }

  get current(): WorkbookState {
    return this.state;
  }

  /** The engine the AWARD functions use now (shipped policies + this workbook's variants and pins). */
  get currentEngine(): Engine {
    if (!this.engine) this.engine = engineWith({});
    return this.engine;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Changes the state: throws (nothing saved) when the variants or pins do not build; otherwise
   * saves, applies and — when what formulas compute has changed — recalculates the workbook.
   */
  update(change: (s: WorkbookState) => WorkbookState): Promise<WorkbookState> {
    // one change at a time, each applied to the state the previous one left
    const next = this.queue.then(() => this.updateNow(change));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private queue: Promise<unknown> = Promise.resolve();

  private async updateNow(change: (s: WorkbookState) => WorkbookState): Promise<WorkbookState> {
    const before = this.state;
    const next = change(before);
    const groundChanged =
      next.year !== before.year || JSON.stringify(next.pins) !== JSON.stringify(before.pins) || JSON.stringify(next.variants) !== JSON.stringify(before.variants);
    const engine = groundChanged ? engineWith({ variants: next.variants, pins: next.pins }) : this.engine;
    await this.host.save(next);
    this.apply(next, engine);
    this.loadError = null;
    if (groundChanged) await this.host.recalculate();
    return next;
  }

  private apply(state: WorkbookState, engine: Engine | null): void {
    const changed = engine !== this.engine;
    this.state = state;
    this.engine = engine;
    setPolicyYearSource(() => this.state.year);
    if (changed) setDefaultEngine(engine);
    for (const l of this.listeners) l(state);
  }
}
