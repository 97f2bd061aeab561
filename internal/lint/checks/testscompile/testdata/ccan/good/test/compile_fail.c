int main(void)
{
#ifdef FAIL
	return nosuchvar;
#else
	return 0;
#endif
}
