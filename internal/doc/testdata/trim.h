/**
 * trim - indentation rules
 *
 * Example:
 *
 *
 *      six
 *    four
 *  
 *       seven
 *	
 *        eight
 *   
 *	 
 *
 * Description:
 *  
 *	
 */
