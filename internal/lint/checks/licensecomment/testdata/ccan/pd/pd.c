int pd;
