// Development HTTPS certificates that need no root and touch no trust store: a private CA and a
// localhost certificate signed by it, generated (mkcert, as office-addin-dev-certs uses it; pure Node) into
// .dev-certs/ in the project. Nothing is installed: `npm start` prints how to trust the CA in a
// browser, or to accept the certificate once. Regenerated when missing or about to expire.
"use strict";
const fs = require("fs");
const path = require("path");
const crypto = require("crypto");

const ROOT = path.resolve(__dirname, "..");
const DIR = process.env.AWARD_CERT_DIR ? path.resolve(process.env.AWARD_CERT_DIR) : path.join(ROOT, ".dev-certs");
const CA = path.join(DIR, "ca.crt");
const CERT = path.join(DIR, "localhost.crt");
const KEY = path.join(DIR, "localhost.key");
const DOMAINS = ["localhost", "127.0.0.1"];
const DAYS = 30;
/** The development CA's name, as a browser's certificate list shows it: this project's, for localhost only. */
const CA_NAME = "AI Subsidy Award Model development CA (localhost only)";

/** Why the certificates on disk cannot be used, or null when they can. */
function problem() {
  for (const f of [CA, CERT, KEY]) if (!fs.existsSync(f)) return `${path.relative(ROOT, f)} is missing`;
  try {
    const ca = new crypto.X509Certificate(fs.readFileSync(CA));
    const cert = new crypto.X509Certificate(fs.readFileSync(CERT));
    const key = crypto.createPrivateKey(fs.readFileSync(KEY));
    if (!cert.checkPrivateKey(key)) return "the key does not match the certificate";
    if (!cert.verify(ca.publicKey)) return "the certificate is not signed by the CA";
    const dayMs = 86400000;
    for (const [name, c] of [["CA", ca], ["certificate", cert]]) {
      if (Date.parse(c.validTo) - Date.now() < dayMs) return `the ${name} expires ${c.validTo}`;
      if (Date.parse(c.validFrom) > Date.now()) return `the ${name} is not valid before ${c.validFrom}`;
    }
    if (!cert.checkHost("localhost")) return "the certificate is not for localhost";
    if (!ca.subject.includes(CA_NAME)) return "the CA is not this project's (an older one, named like Microsoft's)";
  } catch (err) {
    return `unreadable: ${err.message}`;
  }
  return null;
}

/**
 * Makes sure usable certificates are in .dev-certs/; returns { ca, cert, key } (PEM buffers) and the
 * paths. Throws when they cannot be made.
 */
async function ensureDevCerts({ log = () => {} } = {}) {
  const why = problem();
  if (why) {
    log(`Generating a development CA and localhost certificate in ${path.relative(process.cwd(), DIR) || "."} (${why}); nothing is installed.`);
    fs.rmSync(DIR, { recursive: true, force: true });
    fs.mkdirSync(DIR, { recursive: true });
    // mkcert, as office-addin-dev-certs uses it, but with a CA named for this project (not Microsoft's)
    const mkcert = require(require.resolve("mkcert", { paths: [path.dirname(require.resolve("office-addin-dev-certs/package.json"))] }));
    const ca = await mkcert.createCA({ organization: CA_NAME, countryCode: "CN", state: "Zhejiang", locality: "Hangzhou", validity: DAYS });
    const cert = await mkcert.createCert({ ca: { key: ca.key, cert: ca.cert }, domains: DOMAINS, validity: DAYS });
    fs.writeFileSync(CA, ca.cert);
    fs.writeFileSync(CERT, cert.cert);
    fs.writeFileSync(KEY, cert.key);
    fs.chmodSync(KEY, 0o600);
    const still = problem();
    if (still) throw new Error(`the generated certificates cannot be used: ${still}`);
  }
  return { ca: fs.readFileSync(CA), cert: fs.readFileSync(CERT), key: fs.readFileSync(KEY), paths: { dir: DIR, ca: CA, cert: CERT, key: KEY } };
}

module.exports = { ensureDevCerts, problem, DIR, CA, CERT, KEY, CA_NAME };
