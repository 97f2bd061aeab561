/* MIT (BSD) license - see LICENSE file for details */
#ifndef CCAN_NODOC_H
#define CCAN_NODOC_H
int nodoc_fn(void);
#endif /* CCAN_NODOC_H */
