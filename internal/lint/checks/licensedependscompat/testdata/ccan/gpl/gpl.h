/* MIT (BSD) license - see LICENSE file for details */
#ifndef CCAN_GPL_H
#define CCAN_GPL_H
int gpl_fn(void);
#endif /* CCAN_GPL_H */
