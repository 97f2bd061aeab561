/* An ordinary comment. */
/*
 * Not a doc comment either.
 */
int x;
/**
 * only text before any summary or header
 *
 */
