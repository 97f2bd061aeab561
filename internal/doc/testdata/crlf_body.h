/**
 * crlfbody - summary
 *
 * Text
 * License: MIT
 *
 * Example:
 *	code
 */
