/* MIT (BSD) license - see LICENSE file for details */
#ifndef CCAN_SUB_H
#define CCAN_SUB_H
int sub_fn(void);
#endif /* CCAN_SUB_H */
