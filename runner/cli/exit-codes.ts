// Exit codes, the same for every command:
//   0  everything succeeded
//   1  the work failed: a host failed or was unreachable, or the input is invalid
//      (validation problems, template errors, unknown hosts) — any FerryError
//   2  the command line itself is wrong (unknown flag, missing argument)
//   3  an unexpected internal error (a bug in ferry); the stack is shown under -v
export const EXIT = { ok: 0, failed: 1, usage: 2, internal: 3 } as const;
