/* MIT (BSD) license - see LICENSE file for details */
#ifndef CCAN_TDEP_H
#define CCAN_TDEP_H
int tdep_fn(void);
#endif /* CCAN_TDEP_H */
