/* MIT (BSD) license - see LICENSE file for details */
#ifndef CCAN_MISSING_H
#define CCAN_MISSING_H
int missing_fn(void);
#endif /* CCAN_MISSING_H */
