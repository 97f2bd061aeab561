#ifndef TAP_H
#define TAP_H
int tap_fn(void);
#endif
