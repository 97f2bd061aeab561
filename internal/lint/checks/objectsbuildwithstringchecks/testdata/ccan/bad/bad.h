#ifndef BAD_H
#define BAD_H
int bad_fn(void);
int bad_has(const char *s);
#endif
