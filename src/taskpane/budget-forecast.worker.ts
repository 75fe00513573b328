// The Budget view's forecast in a Web Worker (see BudgetForecastJob.ts): one job per worker.
import { runJob, type ForecastJob, type JobMessage } from "./BudgetForecastJob";

const post = (m: JobMessage) => (self as unknown as { postMessage: (m: JobMessage) => void }).postMessage(m);

self.onmessage = (e: MessageEvent<ForecastJob>) => {
  runJob(e.data, (done, total) => post({ kind: "progress", done, total }), async () => undefined, () => false)
    .then((report) => report && post({ kind: "done", report }))
    .catch((err: Error) => post({ kind: "error", message: err.message }));
};
