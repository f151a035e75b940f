// Package bulk reads and writes the list files of bulk import and export:
// a pool's patent list, patents, and claim charts (see lists.Kind)
// as CSV, XLSX or JSON Lines, and the JSON Lines of a full dump.
//
// Reading finds the header row (below a title block, in English or
// Chinese), maps its columns to the fields of lists.Columns, and
// streams the rows with their numbers as the user sees them in the file,
// never holding the file in memory. CSV may be UTF-8 with or without a BOM,
// UTF-16 with a BOM, or GB18030/GBK, with ',', ';', tab or '|' between
// cells; XLSX is read with excelize's streaming row iterator within unzip
// limits (zip bombs are refused), merged cells are filled down and formula
// cells without a computed value are rejected. What the rows mean is the
// business of claimcharts/lists: lists.Import turns them into records.
//
// Writing produces the same formats with the same header names, so an
// export imports back to the same records.
//
// bulk imports claimcharts, its lists and dump, excelize and
// golang.org/x/text; it knows nothing of HTTP, the server or the stores.
package bulk
