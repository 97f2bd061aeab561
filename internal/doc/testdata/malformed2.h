/**
 * other - another malformed file
oops
 */
