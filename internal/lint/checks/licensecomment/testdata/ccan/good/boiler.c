/* Permission is hereby granted, without restriction, provided the above copyright notice
 * appears.  THE SOFTWARE IS PROVIDED WITHOUT WARRANTY. */
int boiler;
