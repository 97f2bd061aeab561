#ifndef NOTPORTED_H
#define NOTPORTED_H
int notported_fn(void);
#endif
