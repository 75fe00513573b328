/** Where a command writes (and, for eval, reads): the process's streams, or a test's buffers. */
export interface Io {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
  stdin?: NodeJS.ReadableStream & { isTTY?: boolean };
}
