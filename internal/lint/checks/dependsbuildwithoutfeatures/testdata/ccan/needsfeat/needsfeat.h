#ifndef NEEDSFEAT_H
#define NEEDSFEAT_H
int needsfeat_fn(void);
#endif
