#ifndef DEP_H
#define DEP_H
int dep_fn(void);
#endif
