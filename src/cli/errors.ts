/** Something asked for that is not there, or a request refused: one line, exit 1. */
export class NotFound extends Error {}
