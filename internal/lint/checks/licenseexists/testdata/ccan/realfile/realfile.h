/* MIT (BSD) license - see LICENSE file for details */
#ifndef CCAN_REALFILE_H
#define CCAN_REALFILE_H
int realfile_fn(void);
#endif /* CCAN_REALFILE_H */
