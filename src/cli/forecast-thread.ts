// One thread's share of a forecast's trials (see forecast-run.ts): reads the pipeline file itself,
// runs trials [first, first + count) and posts the accumulators back.
import { parentPort, workerData } from "worker_threads";
import { loadPipeline, runPart, type RunSpec } from "./forecast-run";

const { spec, first, count } = workerData as { spec: RunSpec; first: number; count: number };
loadPipeline(spec.file, spec.year)
  .then(({ pipeline }) => {
    const result = runPart(spec, pipeline, first, count, (done) => parentPort!.postMessage({ done }));
    parentPort!.postMessage({ result });
  })
  .catch((e: Error) => parentPort!.postMessage({ error: e.message }));
