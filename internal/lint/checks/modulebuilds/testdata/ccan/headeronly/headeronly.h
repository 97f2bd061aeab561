#ifndef HEADERONLY_H
#define HEADERONLY_H
int headeronly_fn(void);
#endif
