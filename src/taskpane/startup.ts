import type { WorkbookSession } from "../workbook/session";

/**
 * Opens the workbook session for the pane; never throws. Returns why opening failed, or null: Excel
 * refuses the first recalculation while a cell is being edited (InvalidOperationInCellEditMode), and
 * the pane must still render and say so.
 */
export async function openForPane(session: WorkbookSession): Promise<string | null> {
  try {
    await session.open();
    return null;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}
