/* Some comment */

int bad;
