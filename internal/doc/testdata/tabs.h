/**
 * tabby - tab expansion
 *
 *	one tab after the star
 * 	tab at column 3
 *  	tab at column 4
 *		two tabs
 *       	seven spaces then tab
 *	 x	y	z
	 * tab before the star
		* two tabs before the star
  	 * spaces and tab before the star
x	no star at all, tab inside
 * Example:	
 *	int x;	/* trailing comment */
 *		if (x)
 *			return;
 */
/**
 * tabsum - summary	with a tab
 * Example:	text after a tab
 */
