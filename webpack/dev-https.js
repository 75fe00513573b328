/* eslint-disable no-console */
"use strict";

/**
 * https options for the dev server, or null (plain HTTP) where no certificate can be had.
 *  - Windows/macOS (desktop Excel): office-addin-dev-certs' CA in ~/.office-addin-dev-certs, installed
 *    into the OS trust store (desktop Excel needs that), as office-addin-debugging expects.
 *  - Linux, or where that fails: a CA and localhost certificate generated into .dev-certs/ by
 *    scripts/dev-certs.js, with no root and no trust store touched (npm start says how to trust it).
 */
async function devHttpsOptions(DEV_PORT) {
  if (process.env.AWARD_DEV_HTTP === "1") return null;
  const warn = (what, err) => console.warn(`warning: ${what}: ${String((err && err.message) || err).split("\n")[0]}`);
  if (process.platform === "win32" || process.platform === "darwin") {
    try {
      return await require("office-addin-dev-certs").getHttpsServerOptions();
    } catch (err) {
      warn("no trusted office-addin-dev-certs certificate, using the project's own (.dev-certs/)", err);
    }
  }
  try {
    const { ca, cert, key } = await require("../scripts/dev-certs").ensureDevCerts({ log: (m) => console.log(m) });
    return { ca, cert, key };
  } catch (err) {
    warn("no development certificate could be made", err);
    console.warn(
      [
        `warning: serving over plain HTTP at http://localhost:${DEV_PORT}/ instead. The preview page works,`,
        "warning: but Excel only loads add-ins over HTTPS.",
      ].join("\n"),
    );
    return null;
  }
}

module.exports = { devHttpsOptions };
