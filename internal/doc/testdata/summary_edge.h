/**
 * struct foo - a structure
 *
 * union  u - two spaces inside the name
 *  indented - leading space in the name
 * foo  - two spaces before the dash
 * foo -bar not a summary
 * foo- bar not a summary
 *    - all spaces is not a name
 * a-b - hyphen in the name is not a summary
 * - no name
 * foo - a - b
 * Example - a summary, not a section
 * Note: a - b is a section
 * See also - a summary named "See also"
 * x/y/z - deeply nested module
 * foo_bar1 - underscores and digits
 * foo_bar1 - same function again
 * foo - back to foo
 * tab	name - not a summary
 * a.b - dot is not a summary
 * Z - single capital
 */
