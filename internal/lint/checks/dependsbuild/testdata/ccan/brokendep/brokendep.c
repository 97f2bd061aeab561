int brokendep_fn(void)
{
	return nosuchvar;
}
