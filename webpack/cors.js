// Who may read the dev server's files (CORS): Office on the web and the server itself, never "*".
"use strict";

/** Origins that may read the dev server's files: Office on the web, and the server itself. */
const CORS_ORIGINS = /^https:\/\/(?:[a-z0-9-]+\.)*(?:officeapps\.live\.com|office\.com|office365\.com|office\.net|microsoft\.com|sharepoint\.com)$/;
function corsHeaders(origin, port) {
  const own = new RegExp(`^https?://(?:localhost|127\\.0\\.0\\.1|\\[::1\\]):${port}$`);
  if (typeof origin === "string" && (CORS_ORIGINS.test(origin) || own.test(origin))) return { "Access-Control-Allow-Origin": origin, Vary: "Origin" };
  return { Vary: "Origin" };
}

module.exports = { corsHeaders, CORS_ORIGINS };
