/* eslint-disable no-console */
"use strict";
const fs = require("fs");
const path = require("path");
const webpack = require("webpack");

/**
 * custom-functions-metadata-plugin does not only write functions.json: through a loader of its
 * own it appends `CustomFunctions.associate("ID", fn);` for every @customfunction to the end of
 * its input, functions.ts. register.ts relies on that (it only imports functions.ts), so:
 *  - the functions.ts module must run once in the page. `taskpane` depends on `functions`
 *    (dependOn) and so shares its module instances; this plugin fails the build if functions.ts
 *    ever lands in two webpack runtimes (its associate calls would run twice: an error in Excel).
 *  - should register.ts one day call CustomFunctions.associate itself, the plugin's injection is
 *    removed, so that each function is still associated exactly once.
 */
class SingleAssociationPlugin {
  /**
   * @param registerSource src/functions/register.ts
   * @param functionSources every file of src/functions with a @customfunction
   * @param root the project folder, for messages
   */
  constructor(registerSource, functionSources, root) {
    this.registerSource = registerSource;
    this.functionSources = functionSources;
    this.root = root;
  }
  apply(compiler) {
    const { registerSource: REGISTER_SOURCE, functionSources: FUNCTION_SOURCES, root: ROOT } = this;
    const name = "SingleAssociationPlugin";
    const injected = require.resolve("custom-functions-metadata-plugin/lib/loader.js");
    compiler.hooks.compilation.tap({ name, stage: 100 }, (compilation) => {
      const registerCode = fs.existsSync(REGISTER_SOURCE)
        ? fs.readFileSync(REGISTER_SOURCE, "utf8").replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, "")
        : "";
      if (/CustomFunctions\s*\.\s*associate\s*\(/.test(registerCode)) {
        webpack.NormalModule.getCompilationHooks(compilation).beforeLoaders.tap({ name, stage: 100 }, (loaders, module) => {
          module.loaders = module.loaders.filter((l) => l.loader !== injected);
        });
      }
      // before module concatenation hides functions.ts inside another module
      compilation.hooks.afterChunks.tap(name, () => {
        const { chunkGraph } = compilation;
        for (const module of compilation.modules) {
          if (!FUNCTION_SOURCES.includes(module.resource)) continue;
          const runtimes = new Set();
          for (const r of chunkGraph.getModuleRuntimes(module)) {
            for (const one of typeof r === "string" ? [r] : r || []) runtimes.add(one);
          }
          if (runtimes.size > 1) {
            compilation.errors.push(
              new webpack.WebpackError(
                `${path.relative(ROOT, module.resource)} is bundled into ${runtimes.size} webpack runtimes ` +
                  `(${[...runtimes].join(", ")}): its CustomFunctions.associate calls would run twice in taskpane.html.`,
              ),
            );
          }
        }
      });
    });
  }
}

module.exports = { SingleAssociationPlugin };
