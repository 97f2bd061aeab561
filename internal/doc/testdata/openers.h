/** text after the opener
 * notopened - because the opener had text
 */
/**  
 * trailing - opener with trailing spaces does not open
 */
 /**
 * indented - indented opener does not open
 */
/**
 * real - a real block
 *
 * text
	 */
 * still inside: the tab-indented closer did not close
  */
 * still inside after the two-space closer
 */ extra
 * and still inside after " */ extra"
*/
 * this is outside
/**
 * closer - malformed closer
 *
 * Text.
   */
 * outside again
