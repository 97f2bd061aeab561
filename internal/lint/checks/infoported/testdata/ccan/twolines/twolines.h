#ifndef TWOLINES_H
#define TWOLINES_H
int twolines_fn(void);
#endif
