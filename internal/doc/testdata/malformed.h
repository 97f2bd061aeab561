/**
 * broken - lines without the star prefix
 *
*no space before this text
   indented text with no star
 *ok again
 *
 * Example:
	tab-indented code
 still fine
done */ after close
 * this is outside any block
/**
 * broken2 - second block
 */
