// The forecast worker as webpack bundles it (its own chunk). Loaded only where the page has Worker,
// never under Node or jest, which cannot read import.meta in CommonJS.
export function makeForecastWorker(): Worker {
  // @ts-ignore TS1343: webpack (module esnext) compiles this; tsc checks the rest as CommonJS
  return new Worker(new URL("./budget-forecast.worker.ts", import.meta.url));
}
