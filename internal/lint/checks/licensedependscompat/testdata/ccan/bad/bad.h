/* MIT (BSD) license - see LICENSE file for details */
#ifndef CCAN_BAD_H
#define CCAN_BAD_H
int bad_fn(void);
#endif /* CCAN_BAD_H */
