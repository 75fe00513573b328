// The workbook session: the saved state, applied to the AWARD functions. A change is checked
// first (variants and pins must build an engine), then saved in the workbook, then applied
// (new default engine, policy year source) and the workbook recalculated, so every AWARD
// formula answers under the new ground. The React pane only talks to this.
import { engineWith, setDefaultEngine, type Engine, type VariantSpec } from "../engine";
import { bi, type Text } from "../engine/text";
import { setPolicyYearSource } from "../functions/policy-year";
import type { WorkbookHost } from "./host";
import { EMPTY_STATE, SettingsError, savedFormOf, type KeptItem, type Unreadable, type WorkbookState } from "./state";

const reasonOf = (e: unknown): Text => {
  const t = (e as { text?: Text }).text;
  const m = e instanceof Error ? e.message : String(e);
  return t && typeof t.en === "string" ? t : bi(m, m);
};

/**
 * The engine of a saved state, applying what builds: every variant and pin that does not (an
 * unknown programme, a duplicate name, a version since removed) is moved to `kept` with its reason,
 * exactly as saved, so that it is shown and written back on the next save, never dropped.
 */
export function buildGround(saved: WorkbookState): { state: WorkbookState; engine: Engine } {
  try {
    return { state: saved, engine: engineWith({ variants: saved.variants, pins: saved.pins }) };
  } catch {
    // find which: add them one at a time
  }
  const kept: KeptItem[] = [...(saved.kept ?? [])];
  const variants: VariantSpec[] = [];
  for (const v of saved.variants) {
    try {
      engineWith({ variants: [...variants, v] });
      variants.push(v);
    } catch (e) {
      kept.push({ list: "variants", value: savedFormOf(v), reason: reasonOf(e) });
    }
  }
  const pins: Record<string, string> = {};
  for (const [id, version] of Object.entries(saved.pins)) {
    try {
      engineWith({ variants, pins: { ...pins, [id]: version } });
      pins[id] = version;
    } catch (e) {
      kept.push({ list: "pins", key: id, value: version, reason: reasonOf(e) });
    }
  }
  const state = { ...saved, variants, pins, kept };
  return { state, engine: engineWith({ variants, pins }) };
}

export type Listener = (state: WorkbookState) => void;

export class WorkbookSession {
  private state: WorkbookState = EMPTY_STATE;
  private engine: Engine | null = null;
  private readonly listeners = new Set<Listener>();
  /** why part of the saved state could not be applied, in English (see `notice` for both languages), or null */
  loadError: string | null = null;
  /** the same, in both languages, for the pane: what was kept and not applied, or the unreadable settings */
  notice: Text | null = null;
  /** the saved settings value that could not be read (kept aside in a backup key); saves wait for the user's choice */
  unreadable: Unreadable | null = null;

  constructor(readonly host: WorkbookHost) {}

  /**
   * Reads the workbook's state and applies what builds; what does not is kept as saved, with its
   * reason (state.kept). Settings that cannot be read at all are copied to a backup key and left
   * untouched: nothing is saved over them until discardUnreadable() is called.
   */
  async open(): Promise<WorkbookState> {
    const { state: saved, unreadable } = await this.host.loadSettings();
    if (unreadable) {
      this.unreadable = unreadable;
      await this.host.keepAside(unreadable.raw);
    }
    const ground = buildGround(saved);
    this.apply(ground.state, ground.engine);
    this.setNotice();
    // Excel may have computed AWARD cells before the add-in read the workbook's settings (with
    // the current year and no variants): compute them again under the saved ground.
    const s = this.state;
    if (s.year !== null || Object.keys(s.pins).length > 0 || s.variants.length > 0) await this.host.recalculate();
    return this.state;
  }

  /** What was kept and not applied (each with its reason), for the pane. */
  get kept(): readonly KeptItem[] {
    return this.state.kept ?? [];
  }

  /**
   * The user's choice on unreadable settings: start from the empty state, saving over them (the
   * original stays in the backup key).
   */
  discardUnreadable(): void {
    this.unreadable = null;
    this.setNotice();
  }

  /** Removes a kept item (the user's choice): it is no longer written back. */
  removeKept(index: number): Promise<WorkbookState> {
    return this.update((s) => ({ ...s, kept: (s.kept ?? []).filter((_, i) => i !== index) }));
  }

  private setNotice(): void {
    const parts: Text[] = [];
    if (this.unreadable) {
      parts.push(bi(
        `${this.unreadable.reason.en}. They are kept aside, untouched, and nothing is saved over them until you choose to start afresh.`,
        `${this.unreadable.reason.zh}。原设置已原样另存，在您选择重新开始之前不会被覆盖。`,
      ));
    }
    for (const k of this.state.kept ?? []) {
      const what = k.list === "pins" ? bi(`pin ${k.key} = ${String(k.value)}`, `固定 ${k.key} = ${String(k.value)}`) : bi("a saved variant", "一个已保存的变体");
      parts.push(bi(`${what.en} is kept as saved but not applied: ${k.reason.en}`, `${what.zh}已按原样保留但未应用：${k.reason.zh}`));
    }
    this.notice = parts.length ? bi(parts.map((p) => p.en).join(" "), parts.map((p) => p.zh).join(" ")) : null;
    this.loadError = this.notice?.en ?? null;
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
    if (this.unreadable) {
      throw new SettingsError(bi(
        "the saved settings could not be read and are kept aside: choose to start afresh before changing anything",
        "已保存的设置无法读取并已另存：请先选择重新开始，再做更改",
      ));
    }
    const before = this.state;
    const next = change(before);
    const groundChanged =
      next.year !== before.year || JSON.stringify(next.pins) !== JSON.stringify(before.pins) || JSON.stringify(next.variants) !== JSON.stringify(before.variants);
    const engine = groundChanged ? engineWith({ variants: next.variants, pins: next.pins }) : this.engine;
    await this.host.save(next);
    this.apply(next, engine);
    this.setNotice();
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
