#ifndef CCAN_WARN_H
#define CCAN_WARN_H
int warn(int x);
#endif
