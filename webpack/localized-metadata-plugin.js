/* eslint-disable no-console */
"use strict";
const fs = require("fs");
const webpack = require("webpack");
const functionMetadata = require("../scripts/function-metadata");

/**
 * Finishes the generated functions.json (a helpUrl per function into help.html, the README rendered;
 * Excel data types allowed for VOUCHER_DETAILS' entity card) and emits its Chinese twin functions-zh.json
 * from src/functions/i18n-zh.json. A function or parameter without a Chinese name and description, or
 * without a README heading, fails the build with a message naming it.
 */
class LocalizedMetadataPlugin {
  constructor(helpBase, sources) {
    this.helpBase = helpBase;
    this.sources = sources;
  }
  apply(compiler) {
    const name = "LocalizedMetadataPlugin";
    // Check before compiling (a fraction of a second), so that a missing translation or help section
    // stops the build at once with the list, instead of after a full compilation.
    compiler.hooks.beforeCompile.tapPromise(name, async () => {
      const { generateCustomFunctionsMetadata } = require("custom-functions-metadata");
      const generated = await generateCustomFunctionsMetadata(this.sources, false);
      if (generated.errors.length) return; // CustomFunctionsMetadataPlugin reports those
      const metadata = JSON.parse(generated.metadataJson);
      const problems = [
        ...functionMetadata.localize(metadata, functionMetadata.readTable()).problems,
        ...functionMetadata.addHelpUrls(metadata, this.helpBase),
      ];
      if (problems.length) {
        const e = new Error(`function metadata incomplete, build stopped:\n  ${problems.join("\n  ")}`);
        e.stack = `Error: ${e.message}`;
        throw e;
      }
    });
    compiler.hooks.thisCompilation.tap(name, (compilation) => {
      compilation.fileDependencies.add(functionMetadata.I18N_ZH);
      compilation.fileDependencies.add(functionMetadata.README);
      compilation.hooks.processAssets.tap({ name, stage: webpack.Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL }, () => {
        const asset = compilation.getAsset("functions.json");
        if (!asset) return; // the metadata plugin reported why
        const fail = (message) => compilation.errors.push(new webpack.WebpackError(message));
        const metadata = JSON.parse(asset.source.source().toString());
        const readme = fs.readFileSync(functionMetadata.README, "utf8");
        const helpProblems = functionMetadata.addHelpUrls(metadata, this.helpBase, readme);
        metadata.allowCustomDataForDataTypeAny = true;
        let table;
        try {
          table = functionMetadata.readTable();
        } catch (err) {
          fail(`functions-zh.json not made: ${err.message}`);
          return;
        }
        const zh = functionMetadata.localize(metadata, table);
        for (const p of [...zh.problems, ...helpProblems]) fail(`function metadata: ${p}`);
        compilation.updateAsset("functions.json", new webpack.sources.RawSource(JSON.stringify(metadata, null, 2)));
        compilation.emitAsset("functions-zh.json", new webpack.sources.RawSource(JSON.stringify(zh.metadata, null, 2)));
        compilation.emitAsset("help.html", new webpack.sources.RawSource(functionMetadata.renderHelpPage(readme)), { minimized: true });
      });
    });
  }
}

module.exports = { LocalizedMetadataPlugin };
