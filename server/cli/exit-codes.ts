/** The exit codes scripts can rely on; docs/cli.md and every command's --help list them. */
export const ExitCode = {
  ok: 0,
  /** The node refused the call (its reason is printed), or a verification failed. */
  refused: 1,
  /** Wrong arguments, or an input file that is missing or malformed. */
  usage: 2,
  /** The node (or, for verify --online, a chain API) could not be reached. */
  unreachable: 3,
  /** A publication ended FAILED (publish --wait, watch). */
  publicationFailed: 4,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export const exitCodesHelp = `exit codes:
  0  success
  1  refused by the node (its reason is printed, e.g. NONCE_REUSED) or verification failed
  2  usage error: wrong arguments, or an input file missing or malformed
  3  cannot reach the node (verify --online: a chain API, so a check was left undone)
  4  a publication ended FAILED (publish --wait, watch)`;
