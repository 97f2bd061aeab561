#ifndef CCAN_GOOD_H
#define CCAN_GOOD_H
/* ok */
int good_add(int a, int b);
#endif
