#ifndef GOOD_H
#define GOOD_H
int good_fn(void);
int good_has(const char *s);
#endif
