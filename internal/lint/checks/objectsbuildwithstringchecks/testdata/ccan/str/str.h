#ifndef STR_H
#define STR_H
#endif
