// Runs the built award-model (lib/award-model.js: what a user's `award-model exposure` runs) in this
// process on the arguments given, and as it exits reports its time and peak memory as one JSON line.
"use strict";
const path = require("path");

const t0 = process.hrtime.bigint();
let peakHeap = 0;
setInterval(() => {
  peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
}, 20).unref();
process.on("exit", (code) => {
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  process.stdout.write(`\n${JSON.stringify({ code, ms, maxRssKiB: process.resourceUsage().maxRSS, peakHeapBytes: peakHeap })}\n`);
});
process.argv = [process.argv[0], "award-model", "exposure", ...process.argv.slice(2)];
require(path.join(__dirname, "../lib/award-model.js"));
