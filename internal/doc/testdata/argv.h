/**
 * argv - the original reads past TYPE into the file names
 *
 * Example Testdata Argv H:
 *	shown for TYPE "example" when the file is testdata/argv.h
 *
 * Example_:
 *	not shown for TYPE "example": the file name follows
 *
 * Example:
 *	shown
 */
