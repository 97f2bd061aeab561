/* MIT (BSD) license - see LICENSE file for details */
#ifndef CCAN_NOTAG_H
#define CCAN_NOTAG_H
int notag_fn(void);
#endif /* CCAN_NOTAG_H */
