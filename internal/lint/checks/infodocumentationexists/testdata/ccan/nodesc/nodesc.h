/* MIT (BSD) license - see LICENSE file for details */
#ifndef CCAN_NODESC_H
#define CCAN_NODESC_H
int nodesc_fn(void);
#endif /* CCAN_NODESC_H */
