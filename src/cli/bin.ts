// Entry of the bundled command line (lib/award-model.js, built by scripts/build-cli.js): the policies
// are compiled into the bundle, already checked, so a start reads no policy file and runs no schema.
import { main } from "./main";

// A closed pipe (award-model policies | head) ends the output quietly.
process.stdout.on("error", (err: NodeJS.ErrnoException) => {
  if (err && err.code === "EPIPE") process.exit(process.exitCode || 0);
  throw err;
});

main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin }).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`award-model: ${err instanceof Error && err.stack ? err.stack : String(err)}\n`);
    process.exitCode = 2;
  },
);
