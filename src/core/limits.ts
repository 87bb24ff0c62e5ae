/**
 * Limits every side checks the same way: the shared screen, the phone, the room protocol and the server.
 * No imports, so the server and the protocol can read them without loading the rules.
 */

/** Long enough for any real proposal; stored whole, shortened only in the view. */
export const MAX_PROPOSAL_LENGTH = 10_000;
