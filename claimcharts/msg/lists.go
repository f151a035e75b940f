package msg

// Messages of list imports: the reasons a row or a cell is refused, the
// warnings about what was kept, and the illustrative references that
// cannot be read. The comment of each is its English text.
const (
	RowRepeats        Key = "row_repeats"         // repeats row %d exactly; skipped
	AtomicNothing     Key = "atomic_nothing"      // nothing was written: an atomic import writes only a file without rejected rows
	StoppedWritten    Key = "stopped_written"     // the import stopped after row %d: %s; the rows before it were imported ...
	StoppedNothing    Key = "stopped_nothing"     // the import stopped after row %d: %s; nothing was written
	ContinuesFamily   Key = "continues_family"    // continues the family of row %d (...)
	ListedAlready     Key = "listed_already"      // %s is listed already at row %d
	NothingIdentifies Key = "nothing_identifies"  // nothing identifies the family: ...: %s
	NoNumberInRow     Key = "no_number_in_row"    // the row lists no patent number
	NumberKept        Key = "number_kept"         // %s; the family keeps the number as written, to be corrected
	ClaimsKept        Key = "claims_kept"         // cannot read the claim numbers; the text is kept as written
	NoStandardNamed   Key = "no_standard_named"   // the registry holds no standard %q (or several match); ...
	HolderPasses      Key = "holder_passes"       // family %s passes from %s to %s
	MovesFamily       Key = "moves_family"        // %s moves from family %s to %s
	RemovedNotAgain   Key = "removed_not_again"   // %s was removed from pool %s on %s (%s); an import does not admit it again
	NotADate          Key = "not_a_date"          // is not a date: write it as 2021-05-19
	MustBeOneOfList   Key = "must_be_one_of_list" // must be one of %s
	OwnOrganization   Key = "own_organization"    // a licensor token imports only records of its own organization (%s), not of %q
	RejectedWithChart Key = "rejected_with_chart" // rejected with row %d, whose chart it belongs to
	RefsTooLong       Key = "refs_too_long"       // the references are %d characters long; at most %d are read
	RefNoStandard     Key = "ref_no_standard"     // the reference %s names no standard; write it as "Standard: Sec. 1.2"
	RefBadLabel       Key = "ref_bad_label"       // cannot read the reference %s of %s: %s is not a section, figure, table or annex number
	RefNoLabel        Key = "ref_no_label"        // cannot read the reference %s of %s: it names no section, figure, table or annex
	BadLimit          Key = "bad_limit"           // bad limit
	BadFacetSize      Key = "bad_facet_size"      // bad facet size
	WholeFromOne      Key = "whole_from_one"      // must be a whole number from 1 to %d
)

// lists are the messages of list imports.
var lists = map[Key][2]string{
	RowRepeats:        {"repeats row %d exactly; skipped", "与第 %d 行完全相同，已跳过"},
	AtomicNothing:     {"nothing was written: an atomic import writes only a file without rejected rows", "未写入任何内容：原子导入只写入没有被拒绝行的文件"},
	StoppedWritten:    {"the import stopped after row %d: %s; the rows before it were imported but for those rejected", "导入在第 %d 行之后停止：%s；此前的行除被拒绝的以外均已导入"},
	StoppedNothing:    {"the import stopped after row %d: %s; nothing was written", "导入在第 %d 行之后停止：%s；未写入任何内容"},
	ContinuesFamily:   {"continues the family of row %d (its family and holder cells are blank, as merged cells are when saved as CSV)", "延续第 %d 行的专利族（其族编号和专利权人单元格为空，合并单元格另存为 CSV 时即如此）"},
	ListedAlready:     {"%s is listed already at row %d", "%s 已在第 %d 行列出"},
	NothingIdentifies: {"nothing identifies the family: the row has no family code and no number that can be read: %s", "无法确定专利族：该行没有族编号，也没有可识别的专利号：%s"},
	NoNumberInRow:     {"the row lists no patent number", "该行没有列出专利号"},
	NumberKept:        {"%s; the family keeps the number as written, to be corrected", "%s；该专利族按原文保留此号码，待更正"},
	ClaimsKept:        {"cannot read the claim numbers; the text is kept as written", "无法识别权利要求编号，按原文保留"},
	NoStandardNamed:   {"the registry holds no standard %q (or several match); the references keep the name as written", "登记库中没有标准 %q（或与多个标准相符）；参考章节按原文保留标准名称"},
	HolderPasses:      {"family %s passes from %s to %s", "专利族 %s 的专利权人由 %s 变为 %s"},
	MovesFamily:       {"%s moves from family %s to %s", "%s 由专利族 %s 移至 %s"},
	RemovedNotAgain:   {"%s was removed from pool %s on %s (%s); an import does not admit it again", "%[1]s 已于 %[3]s 从专利池 %[2]s 移出（%[4]s）；导入不会再次将其入池"},
	NotADate:          {"is not a date: write it as 2021-05-19", "不是日期：请写成 2021-05-19"},
	MustBeOneOfList:   {"must be one of %s", "必须是以下之一：%s"},
	OwnOrganization:   {"a licensor token imports only records of its own organization (%s), not of %q", "专利权人令牌只能导入本组织（%s）的记录，不能导入 %q 的记录"},
	RejectedWithChart: {"rejected with row %d, whose chart it belongs to", "随其所属对照表所在的第 %d 行一并被拒绝"},
	RefsTooLong:       {"the references are %d characters long; at most %d are read", "参考章节长 %d 个字符，最多读取 %d 个"},
	RefNoStandard:     {"the reference %s names no standard; write it as \"Standard: Sec. 1.2\"", "参考章节 %s 没有写明标准；请写成“标准: Sec. 1.2”"},
	RefBadLabel:       {"cannot read the reference %s of %s: %s is not a section, figure, table or annex number", "无法识别标准 %[2]s 的参考章节 %[1]s：%[3]s 不是章节、图、表或附录编号"},
	RefNoLabel:        {"cannot read the reference %s of %s: it names no section, figure, table or annex", "无法识别标准 %[2]s 的参考章节 %[1]s：其中没有章节、图、表或附录"},
	BadLimit:          {"bad limit", "limit 参数无效"},
	BadFacetSize:      {"bad facet size", "facet_size 参数无效"},
	WholeFromOne:      {"must be a whole number from 1 to %d", "必须是 1 到 %d 之间的整数"},
}
