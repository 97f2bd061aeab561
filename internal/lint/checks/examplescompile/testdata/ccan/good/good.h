#ifndef CCAN_GOOD_H
#define CCAN_GOOD_H

/**
 * good_add - add two numbers
 * @a: one
 * @b: the other
 *
 * Example:
 *	int sum = good_add(2, 2);
 *	printf("%d\n", sum);
 */
int good_add(int a, int b);
#endif
