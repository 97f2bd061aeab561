#ifndef CCAN_BAD_H
#define CCAN_BAD_H

/**
 * bad_add - add two numbers
 *
 * Example:
 *	int sum = add_them(1, 2) +;
 */
int bad_add(int a, int b);
#endif
