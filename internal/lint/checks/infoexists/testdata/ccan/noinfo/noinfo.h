/* MIT (BSD) license - see LICENSE file for details */
#ifndef CCAN_NOINFO_H
#define CCAN_NOINFO_H
int noinfo_fn(void);
#endif /* CCAN_NOINFO_H */
