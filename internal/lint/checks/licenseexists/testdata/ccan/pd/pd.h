/* MIT (BSD) license - see LICENSE file for details */
#ifndef CCAN_PD_H
#define CCAN_PD_H
int pd_fn(void);
#endif /* CCAN_PD_H */
