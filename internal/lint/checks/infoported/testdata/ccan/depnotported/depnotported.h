#ifndef DEPNOTPORTED_H
#define DEPNOTPORTED_H
int depnotported_fn(void);
#endif
