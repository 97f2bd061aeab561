/* MIT (BSD) license - see LICENSE file for details */
#ifndef CCAN_CC0_H
#define CCAN_CC0_H
int cc0_fn(void);
#endif /* CCAN_CC0_H */
