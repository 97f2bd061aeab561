/* MIT (BSD) license - see LICENSE file for details */
#ifndef CCAN_TAP_H
#define CCAN_TAP_H
int tap_fn(void);
#endif /* CCAN_TAP_H */
