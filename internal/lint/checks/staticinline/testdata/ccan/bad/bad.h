#ifndef CCAN_BAD_H
#define CCAN_BAD_H
static inline int twice(int x) { return 2 * x; }
int bad_add(int a, int b);
#endif
