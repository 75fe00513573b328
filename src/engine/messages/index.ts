// The message catalogue: every word a user reads outside the engine's rule code — the command line,
// the task pane, the sheets and charts it inserts — in English and Chinese. Pure TypeScript: no
// Office, no DOM. The engine's own messages are written where they arise, with bi("…", "……").
export { CLI } from "./cli";
export { PANE, type PaneStrings } from "./pane";
export { nameIn } from "./names";
export { HEADERS } from "./headers";
export { clauseLabel, titleIn } from "./labels";
export { wordIn, stepNameIn, columnIn, headerIn, stepRowsIn, clauseTableIn, scopeIn } from "./tables";
export { EXPOSURE } from "./exposure";
export { FUNCTION_NAMES } from "./functions";
