#ifndef CCAN_GOOD_H
#define CCAN_GOOD_H
int good(int x);
#endif
