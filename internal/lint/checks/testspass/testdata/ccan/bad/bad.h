#ifndef CCAN_BAD_H
#define CCAN_BAD_H
#endif
