/* eslint-disable no-console */
"use strict";
const webpack = require("webpack");

/**
 * webpack inlines an entry module into its chunk's startup code when that chunk carries the
 * runtime. With `taskpane` depending on `functions`, a module that is an entry of BOTH
 * entrypoints (the dev server's client, which webpack-dev-server adds to every entry) is then
 * inlined into functions.js and missing when taskpane.js asks for it ("Cannot find module
 * .../webpack-dev-server/client/index.js"). Keep such modules out of line.
 */
class SharedEntryModulesPlugin {
  apply(compiler) {
    const name = "SharedEntryModulesPlugin";
    compiler.hooks.compilation.tap(name, (compilation) => {
      const hooks = webpack.javascript.JavascriptModulesPlugin.getCompilationHooks(compilation);
      hooks.inlineInRuntimeBailout.tap(name, (module) => {
        let entrypoints = 0;
        for (const chunk of compilation.chunks) {
          if (compilation.chunkGraph.isEntryModuleInChunk(module, chunk)) entrypoints++;
        }
        return entrypoints > 1 ? "it is an entry module of several entrypoints (dependOn)" : undefined;
      });
    });
  }
}

module.exports = { SharedEntryModulesPlugin };
