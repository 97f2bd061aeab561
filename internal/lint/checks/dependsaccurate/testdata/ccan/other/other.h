/* MIT (BSD) license - see LICENSE file for details */
#ifndef CCAN_OTHER_H
#define CCAN_OTHER_H
int other_fn(void);
#endif /* CCAN_OTHER_H */
