/* MIT (BSD) license - see LICENSE file for details */
#ifndef CCAN_NOTEST_H
#define CCAN_NOTEST_H
int notest_fn(void);
#endif /* CCAN_NOTEST_H */
