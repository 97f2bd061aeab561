/* c */
int third;
#ifndef THIRD_H
