// The clause catalogue's types live in ../types.ts (one module, no import cycle); re-exported here.
export type { RouteKind, InputType, InputTestDoc, RouteDoc, ClauseDoc, InputSpec, InputTest, Route, Clause } from "../types";
