package msg

// Messages of list files as they are opened and read (CSV, XLSX, JSON
// Lines, dumps) and written: why a file cannot be read, or is past a
// limit. The comment of each is its English text.
const (
	FileNotText      Key = "file_not_text"      // the file is not text (it holds NUL bytes): import a CSV, XLSX or JSON Lines file
	FileEncoding     Key = "file_encoding"      // the file is neither UTF-8 nor GB18030/GBK text: save it as CSV UTF-8
	ReadAfterRow     Key = "read_after_row"     // the %s cannot be read after row %d: %v
	SheetRowBad      Key = "sheet_row_bad"      // row %d of the sheet cannot be read: %v
	RowTooLong       Key = "row_too_long"       // row %d is longer than %d bytes (a quote that is never closed?); the file cannot be read past it
	LineTooLong      Key = "line_too_long"      // line %d is longer than %d bytes
	ALineTooLong     Key = "a_line_too_long"    // a line is longer than %d bytes
	LineNotObject    Key = "line_not_object"    // line %d is not a JSON object: %s
	NoJSONObject     Key = "no_json_object"     // the file holds no JSON object
	NotDumpRecord    Key = "not_dump_record"    // not a dump record: %s
	DumpRecordFields Key = "dump_record_fields" // a dump record needs "kind", "key" and "data"
	FormatUse        Key = "format_use"         // unknown format %q: use %s
	CannotOpen       Key = "cannot_open"        // cannot open %s: %v
	OldExcel         Key = "old_excel"          // %s is an old Excel (.xls) or encrypted workbook: save it as .xlsx or CSV
	NoHeader         Key = "no_header"          // no header row found in the first %d rows: the list needs %s
	HeaderAny        Key = "header_any"         // columns such as Holder (专利权人) and Family members (同族专利), ...
	HeaderPoolList   Key = "header_pool_list"   // a Holder (专利权人) column and a Family members (同族专利) or Exemplary member (代表专利) column
	HeaderPatents    Key = "header_patents"     // a Patent number (专利号) column
	HeaderCharts     Key = "header_charts"      // Patent (专利号), Claim (权利要求) and Element (技术特征) columns
	UnzipsTooLarge   Key = "unzips_too_large"   // the workbook unzips to more than %d bytes: refused (a zip bomb, ...)
	WorkbookDamaged  Key = "workbook_damaged"   // the workbook is damaged or truncated (%v): save it again as .xlsx
	NotXLSX          Key = "not_xlsx"           // the file cannot be read as an XLSX workbook: %v
	WorkbookNoPart   Key = "workbook_no_part"   // the workbook has no %s
	FormulaCells     Key = "formula_cells"      // the sheet has more than %d formula cells without a computed value: ...
	WorkbookParts    Key = "workbook_parts"     // the workbook's parts other than its large sheets unzip to %d bytes, ...
	SharedStringBig  Key = "shared_string_big"  // shared string %d of the workbook holds more than %d bytes, ...
	RowBytes         Key = "row_bytes"          // row %d holds more than %d bytes: refused (...); the file cannot be read past it
	RowRun           Key = "row_run"            // row %d holds a run of text longer than %d bytes: refused; ...
	CellBytes        Key = "cell_bytes"         // row %d, cell %s holds more than %d bytes, ...
	CellChars        Key = "cell_chars"         // row %d, column %s holds %d characters; a spreadsheet cell holds %d: ...
	FieldColumns     Key = "field_columns"      // the header has %d columns of %q; a field may have at most %d columns: ...
	MergeFill        Key = "merge_fill"         // the merged cells %s copy a value of %d bytes into %d rows, ...
	WorkbookText     Key = "workbook_text"      // by row %d of sheet %q the workbook's cells hold more than %d bytes of text in all, ...
)

// files holds the messages of list files.
var files = map[Key][2]string{
	FileNotText:      {"the file is not text (it holds NUL bytes): import a CSV, XLSX or JSON Lines file", "该文件不是文本（含有 NUL 字节）：请导入 CSV、XLSX 或 JSON Lines 文件"},
	FileEncoding:     {"the file is neither UTF-8 nor GB18030/GBK text: save it as CSV UTF-8", "该文件既不是 UTF-8 也不是 GB18030/GBK 文本：请另存为 CSV UTF-8"},
	ReadAfterRow:     {"the %s cannot be read after row %d: %v", "%s第 %d 行之后的内容无法读取：%v"},
	SheetRowBad:      {"row %d of the sheet cannot be read: %v", "工作表第 %d 行无法读取：%v"},
	RowTooLong:       {"row %d is longer than %d bytes (a quote that is never closed?); the file cannot be read past it", "第 %d 行超过 %d 字节（是否有引号没有闭合？）；无法继续读取该文件"},
	LineTooLong:      {"line %d is longer than %d bytes", "第 %d 行超过 %d 字节"},
	ALineTooLong:     {"a line is longer than %d bytes", "有一行超过 %d 字节"},
	LineNotObject:    {"line %d is not a JSON object: %s", "第 %d 行不是 JSON 对象：%s"},
	NoJSONObject:     {"the file holds no JSON object", "文件中没有 JSON 对象"},
	NotDumpRecord:    {"not a dump record: %s", "不是导出的记录：%s"},
	DumpRecordFields: {`a dump record needs "kind", "key" and "data"`, `导出的记录需要 "kind"、"key" 和 "data"`},
	FormatUse:        {"unknown format %q: use %s", "未知的格式 %q：请使用 %s"},
	CannotOpen:       {"cannot open %s: %v", "无法打开 %s：%v"},
	OldExcel:         {"%s is an old Excel (.xls) or encrypted workbook: save it as .xlsx or CSV", "%s 是旧版 Excel（.xls）或加密的工作簿：请另存为 .xlsx 或 CSV"},
	NoHeader:         {"no header row found in the first %d rows: the list needs %s", "前 %d 行中没有表头行：清单需要%s"},
	HeaderAny: {"columns such as Holder (专利权人) and Family members (同族专利), Patent number (专利号), or Patent, Claim and Element (专利号, 权利要求, 技术特征)",
		"“专利权人”（Holder）和“同族专利”（Family members）列、“专利号”（Patent number）列，或“专利号”“权利要求”“技术特征”（Patent, Claim, Element）列等"},
	HeaderPoolList: {"a Holder (专利权人) column and a Family members (同族专利) or Exemplary member (代表专利) column",
		"“专利权人”（Holder）列，以及“同族专利”（Family members）或“代表专利”（Exemplary member）列"},
	HeaderPatents:   {"a Patent number (专利号) column", "“专利号”（Patent number）列"},
	HeaderCharts:    {"Patent (专利号), Claim (权利要求) and Element (技术特征) columns", "“专利号”（Patent）、“权利要求”（Claim）和“技术特征”（Element）列"},
	UnzipsTooLarge:  {"the workbook unzips to more than %d bytes: refused (a zip bomb, or a workbook too large to import at once)", "该工作簿解压后超过 %d 字节，已拒绝（可能是 zip 炸弹，或工作簿太大，无法一次导入）"},
	WorkbookDamaged: {"the workbook is damaged or truncated (%v): save it again as .xlsx", "工作簿已损坏或不完整（%v）：请重新另存为 .xlsx"},
	NotXLSX:         {"the file cannot be read as an XLSX workbook: %v", "无法把该文件当作 XLSX 工作簿读取：%v"},
	WorkbookNoPart:  {"the workbook has no %s", "工作簿中没有 %s"},
	FormulaCells: {"the sheet has more than %d formula cells without a computed value: open it in a spreadsheet program and save it, or paste values",
		"工作表中有超过 %d 个没有计算结果的公式单元格：请用电子表格程序打开并保存，或粘贴为数值"},
	WorkbookParts: {"the workbook's parts other than its large sheets unzip to %d bytes, more than the %d bytes an import holds in memory: keep only the list's sheet and save it again",
		"工作簿中除大型工作表以外的部分解压后为 %d 字节，超过导入时可放入内存的 %d 字节：请只保留清单所在的工作表并重新保存"},
	SharedStringBig: {"shared string %d of the workbook holds more than %d bytes, more than a spreadsheet cell holds (32,767 characters): refused",
		"工作簿的共享字符串 %d 超过 %d 字节，超出单元格的容量（32,767 个字符），已拒绝"},
	RowBytes: {"row %d holds more than %d bytes: refused (the limit of a row, as of a CSV record); the file cannot be read past it",
		"第 %d 行超过 %d 字节，已拒绝（与 CSV 记录相同的行长上限）；无法继续读取该文件"},
	RowRun: {"row %d holds a run of text longer than %d bytes: refused; the file cannot be read past it",
		"第 %d 行有一段文字超过 %d 字节，已拒绝；无法继续读取该文件"},
	CellBytes: {"row %d, cell %s holds more than %d bytes, more than a spreadsheet cell holds (32,767 characters): refused; the file cannot be read past it",
		"第 %d 行的单元格 %s 超过 %d 字节，超出单元格的容量（32,767 个字符），已拒绝；无法继续读取该文件"},
	CellChars: {"row %d, column %s holds %d characters; a spreadsheet cell holds %d: export as CSV or JSON Lines",
		"第 %d 行“%s”列有 %d 个字符，而单元格最多 %d 个：请导出为 CSV 或 JSON Lines"},
	FieldColumns: {"the header has %d columns of %q; a field may have at most %d columns: put its values one per line in fewer columns",
		"表头中有 %d 列属于“%s”，而一个字段最多 %d 列：请把这些值每行一个写在较少的列中"},
	MergeFill: {"the merged cells %s copy a value of %d bytes into %d rows, past the %d bytes merged cells may fill in a sheet: refused; unmerge them and write the value in each row",
		"合并单元格 %s 把 %d 字节的值重复到 %d 行，超过工作表中合并单元格最多可填充的 %d 字节，已拒绝：请取消合并，并在每一行填写该值"},
	WorkbookText: {"by row %d of sheet %q the workbook's cells hold more than %d bytes of text in all, the most one import reads (is a long value repeated in many cells?): refused; the file cannot be read past it",
		"读到工作表“%[2]s”第 %[1]d 行时，工作簿各单元格的文字合计超过 %[3]d 字节，超出一次导入的上限（是否有很长的值在许多单元格中重复？），已拒绝；无法继续读取该文件"},
}
