#ifndef WARNS_H
#define WARNS_H
int warns_fn(void);
int warns_unused(void);
#endif
