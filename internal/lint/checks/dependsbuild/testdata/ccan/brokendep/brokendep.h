#ifndef BROKENDEP_H
#define BROKENDEP_H
int brokendep_fn(void);
#endif
