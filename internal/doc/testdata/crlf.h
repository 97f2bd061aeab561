/**
 * crlf - not a doc block
 */
