/* eslint-disable no-console */
"use strict";
const zlib = require("zlib");
const webpack = require("webpack");

/** Prints one line: the gzipped size of the JS that taskpane.html loads (our chunks). */
class FirstLoadSizePlugin {
  apply(compiler) {
    const name = "FirstLoadSizePlugin";
    let line = null;
    compiler.hooks.thisCompilation.tap(name, (compilation) => {
      compilation.hooks.processAssets.tap({ name, stage: webpack.Compilation.PROCESS_ASSETS_STAGE_REPORT }, () => {
        const files = new Set();
        for (const entry of ["functions", "taskpane"]) {
          const ep = compilation.entrypoints.get(entry);
          if (ep) for (const f of ep.getFiles()) if (f.endsWith(".js")) files.add(f);
        }
        const sizeOf = (f) => {
          const asset = compilation.getAsset(f);
          if (!asset) return { raw: 0, gz: 0 };
          const buf = asset.source.buffer();
          return { raw: buf.length, gz: zlib.gzipSync(buf, { level: 9 }).length };
        };
        let raw = 0;
        let gz = 0;
        for (const f of files) {
          const size = sizeOf(f);
          raw += size.raw;
          gz += size.gz;
        }
        const office = sizeOf("office-js/office.js");
        const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
        line =
          `first-load JS of taskpane.html: ${kib(gz)} gzipped (${kib(raw)} raw) in ${[...files].join(" + ")}` +
          (office.raw ? `; plus office-js/office.js ${kib(office.gz)} gzipped` : "");
      });
    });
    compiler.hooks.done.tap(name, (stats) => {
      if (line && !stats.hasErrors()) console.log(line);
    });
  }
}

module.exports = { FirstLoadSizePlugin };
