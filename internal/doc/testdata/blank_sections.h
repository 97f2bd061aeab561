/**
 * nodesc - has no description
 *
 * Example:
 *	nodesc();
 */
/**
 * blanksum - 
 * Description follows a blank summary.
 */
/**
 * spacesum -    	
 *
 */
/**
 * emptyex - empty example then license
 *
 * Example:
 *
 * License: GPL
 */
/**
 * lastempty - the final section is empty
 *
 * Example:
 *
 */
