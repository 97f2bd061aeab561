/**
 * first - first block
 * License: MIT
 */
int first(void);

/**
 * second - ends in its summary
 */
/**
 * third - third block
 *
 * Some text.
 */
/**
/**
 * fourth - after a double opener
 * See also: first
/**
 * fifth - opened inside an open block
 */

/**
 */
/**
 * sixth - after an empty block
 * Example:
 */
