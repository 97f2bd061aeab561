#ifndef PLAIN_H
#define PLAIN_H
int plain_fn(void);
#endif
