/**
 * Example:
 *	before();
 * License: Unowned
 * text dropped
 *
 * after - now a function
 * Example:
 *	after();
 */
