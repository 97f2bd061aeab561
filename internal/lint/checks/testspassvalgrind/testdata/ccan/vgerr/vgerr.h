#ifndef CCAN_VGERR_H
#define CCAN_VGERR_H
#endif
