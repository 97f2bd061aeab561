int helper(void)
{
	return nosuchvar;
}
