// Runs `award-model exposure` in this process on a file and reports time and peak memory as JSON.
import { exposureCommand } from "../src/cli/exposure";

async function main() {
  const args = process.argv.slice(2);
  let peakHeap = 0;
  const timer = setInterval(() => {
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  }, 20);
  const sink = { write: () => true };
  const t0 = process.hrtime.bigint();
  const code = await exposureCommand(args, { stdout: sink, stderr: sink });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  clearInterval(timer);
  peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  process.stdout.write(JSON.stringify({ code, ms, maxRssKiB: process.resourceUsage().maxRSS, peakHeapBytes: peakHeap }) + "\n");
}
main();
