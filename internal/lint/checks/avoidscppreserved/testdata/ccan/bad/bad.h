#ifndef BAD_H
#define BAD_H
int bad_fn(int class);
#endif
