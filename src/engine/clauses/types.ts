// The clause catalogue's types live in ../types.ts (one module, no import cycle); re-exported here.
export type { ClauseKind, InputType, InputTestDoc, ClauseRouteDoc, ClauseDoc, InputSpec, InputTest, ClauseRoute, Clause } from "../types";
