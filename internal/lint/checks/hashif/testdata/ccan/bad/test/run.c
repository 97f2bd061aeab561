#if defined(HAVE_BAR) && 1
int bar;
#endif
int main(void)
{
	return 0;
}
