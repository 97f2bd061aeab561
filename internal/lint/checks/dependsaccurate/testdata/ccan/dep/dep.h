/* MIT (BSD) license - see LICENSE file for details */
#ifndef CCAN_DEP_H
#define CCAN_DEP_H
int dep_fn(void);
#endif /* CCAN_DEP_H */
