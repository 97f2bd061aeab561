// Package doc extracts CCAN documentation comments with exactly the
// grammar of the original tools/doc_extract (tools/doc_extract-core.c),
// which ccanlint also uses to read _info files and headers.
//
// # Lines
//
// A file is read as a C string (everything from the first NUL byte on is
// ignored) and split at each "\n"; a final newline does not produce an
// empty last line. "\r" is ordinary text, so CRLF files have no doc
// blocks at all. See [SplitLines].
//
// # Doc blocks
//
// Lines are examined one by one:
//
//   - a line exactly "/**" opens a block. If earlier blocks already produced
//     lines, "\n" is appended to the last of them (once per opener, even
//     when a block is already open);
//   - a line exactly " */" closes the block ("/** text" is no opener, and
//     " */" preceded by more blanks or a tab, or followed by anything, is
//     no closer);
//   - inside a block a line starting " * " contributes the text after
//     those three bytes, one starting " *" the text after two bytes, and
//     any other line is kept verbatim with the warning
//     "Expected ' *' in comment." (the original prints only the first such
//     warning of the whole process); if it contains "*/" it closes the
//     block.
//
// # Sections
//
// Each extracted line is, in this order of precedence:
//
//  1. a summary line: the longest prefix of bytes [A-Za-z0-9_ /] that is
//     not all spaces and ends in a space followed by "- ". The prefix
//     without that space becomes the current function ("str/hex",
//     "struct list_head", possibly with leading or doubled spaces); a
//     "summary" section holding the text after " - " starts, followed
//     immediately by an empty "description" section for the same function;
//  2. a section header matching
//     ^([A-Z][a-zA-Z0-9_]*( [A-Z][a-zA-Z0-9_]*)*):[ \t\n]*(.*) (ASCII,
//     "." also matches "\n"). The section type is the header lower-cased
//     ("See Also" becomes "see also"). If text follows the colon the
//     section consists of that text alone and following ordinary lines
//     are dropped until the next summary or header. Any capitalised
//     "Words:" line in a description therefore starts a section;
//  3. anything else is appended to the current section, if any. The line
//     appended is not the extracted text but the RAW source line with tabs
//     expanded to 8-column stops, from which the first n bytes are cut,
//     where n is the byte offset just past the first '*' of the raw line
//     (0 if it has none). The cut counts raw bytes, so tabs before the '*'
//     leave part of the prefix, '*' included, in the line.
//
// Whenever a section starts and the previous one consists only of
// characters " \t\n", the previous one is discarded: an empty description
// followed by "Example:" disappears, and so does a summary with no text.
//
// Finally each section's lines lose their common indentation (the smallest
// count of leading spaces over lines that are not all spaces; lines with
// fewer leading spaces lose all of them) and trailing lines made only of
// spaces and tabs are dropped.
//
// A summary or one-line header section whose text was the last line of a
// block followed by another "/**" holds, in the original, a single string
// ending in "\n" (and the original prints an extra empty line for it).
// Here such a section's Lines are split at "\n", so they end in empty
// strings; [Section.Text] gives back the original's string.
//
// # doc_extract
//
// [Extract] implements "doc_extract [--function=NAME] TYPE FILE...": TYPE
// "functions" lists the distinct function names of each file (adjacent
// duplicates collapsed), "all" prints every section as "type:" followed by
// its lines, and any other TYPE prints the lines of the sections whose
// type matches, comparing byte by byte with all non-alphanumeric bytes
// equal ("see_also" matches "see also"); the original's comparison reads
// past the end of the TYPE argument into the file names that follow it in
// memory, and Extract reproduces that (see [Extract]). Files are processed in order;
// the command stops with exit status 1 at the first file that cannot be
// read or has no sections, after printing the output of the earlier
// files.
package doc
