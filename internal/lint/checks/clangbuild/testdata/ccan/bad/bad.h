#ifndef CCAN_BAD_H
#define CCAN_BAD_H
/* bad */
int bad_add(int a, int b);
#endif
