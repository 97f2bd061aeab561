#ifndef CCAN_HALF_H
#define CCAN_HALF_H
int half(int x);
#endif
