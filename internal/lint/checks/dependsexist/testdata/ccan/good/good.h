#ifndef GOOD_H
#define GOOD_H
int good_fn(void);
#endif
