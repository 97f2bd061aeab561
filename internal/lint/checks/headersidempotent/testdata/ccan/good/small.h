int small;
