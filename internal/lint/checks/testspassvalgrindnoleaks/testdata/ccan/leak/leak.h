#ifndef CCAN_LEAK_H
#define CCAN_LEAK_H
#endif
