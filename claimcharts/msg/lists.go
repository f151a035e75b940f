package msg

// Messages of list imports: the reasons a row or a cell is refused, the
// warnings about what was kept, and the illustrative references that
// cannot be read. The comment of each is its English text.
const (
	RowRepeats        Key = "row_repeats"         // repeats row %d exactly; skipped
	AtomicNothing     Key = "atomic_nothing"      // nothing was written: an atomic import writes only a file without rejected rows
	AtomicTooLarge    Key = "atomic_too_large"    // an atomic import holds the whole file in one batch, and this file needs more than %d record writes: ...
	NotWritten        Key = "not_written"         // not written: %s
	AfterUnwritten    Key = "after_unwritten"     // not written: the batch before it was not written, and rows may refer to its records; import the file again
	BatchRefused      Key = "batch_refused"       // not written: the store refused a write of this batch: %s
	PartlyWritten     Key = "partly_written"      // written only in part before the store refused a write: %s; import the file again to complete it
	FieldReason       Key = "field_reason"        // %s: %s %s (a record's refusal, its field and the field's reason)
	StoppedWritten    Key = "stopped_written"     // the import stopped after row %d: %s; the rows before it were imported ...
	StoppedNothing    Key = "stopped_nothing"     // the import stopped after row %d: %s; nothing was written
	ContinuesFamily   Key = "continues_family"    // continues the family of row %d (...)
	ListedAlready     Key = "listed_already"      // %s is listed already at row %d
	NothingIdentifies Key = "nothing_identifies"  // nothing identifies the family: ...: %s
	NoNumberInRow     Key = "no_number_in_row"    // the row lists no patent number
	NumberKept        Key = "number_kept"         // %s; the family keeps the number as written, to be corrected
	ClaimsKept        Key = "claims_kept"         // cannot read the claim numbers; the text is kept as written
	ClaimsTooMany     Key = "claims_too_many"     // the cell lists more than %d claim numbers; the text is kept as written
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
	RefsMore          Key = "refs_more"           // and %d more references cannot be read
	ClaimNoText       Key = "claim_no_text"       // claim %d has no text
	ChartMaxRows      Key = "chart_max_rows"      // a chart has at most %d rows
	ChartMaxElements  Key = "chart_max_elements"  // a chart revision has at most %d elements, and element %s is number %d
	ChartRowsTogether Key = "chart_rows_together" // the rows of one chart come together: ...
	ClaimFromOne      Key = "claim_from_one"      // must be a claim number from 1
	ChartOneStandard  Key = "chart_one_standard"  // names no standard the registry holds (or several); ...
	NoPatentYet       Key = "no_patent_yet"       // the registry holds no patent %s: import the patent first
	OwnCharts         Key = "own_charts"          // is held by %s; a licensor token imports only its own organization's charts
	RevisionFromOne   Key = "revision_from_one"   // must be a revision number from 1
	RevisionTogether  Key = "revision_together"   // the rows of revision %d come together
	ElementTogether   Key = "element_together"    // the rows of element %s come together
	ElementOtherText  Key = "element_other_text"  // element %s has another text in an earlier row
	DiffersEarlier    Key = "differs_earlier"     // differs from %q in an earlier row of the same revision
	QuoteNeedsRef     Key = "quote_needs_ref"     // a quote or explanation needs the standard reference it is about
	RevisionSubmitted Key = "revision_submitted"  // revision %d of chart %s was submitted and never changes; ...
	RevisionIsDraft   Key = "revision_is_draft"   // revision %d of chart %s is a draft; submit it before revision %d
	NextRevision      Key = "next_revision"       // chart %s has %d revisions; the next is %d
	OwnPatentsOther   Key = "own_patents_other"   // is held by another organization; a licensor token imports only ...
	OwnPatents        Key = "own_patents"         // is held by %s; a licensor token imports only its own organization's patents
	ByApplication     Key = "by_application"      // names %s by its application number, and row %d lists it already
	NewPatentHolder   Key = "new_patent_holder"   // a new patent needs its holder
	NewPatentTitle    Key = "new_patent_title"    // a new patent needs a title
	DependsTwice      Key = "depends_twice"       // claim %d depends on claim %d here and on claim %d in the other language
	NotAPatentNumber  Key = "not_a_patent_number" // %q is not a valid patent number: %s
	NoDigits          Key = "no_digits"           // it has no digits
	UnknownOffice     Key = "unknown_office"      // unknown office code %s
	NoCountryCode     Key = "no_country_code"     // no country code (expected an office prefix such as EP, US or CN before the number)
	NotAnOfficeCode   Key = "not_an_office_code"  // no country code (%s is not an office code)
	NotAMarker        Key = "not_a_marker"        // (%s) after %s is not a validation marker
	NotAnEPCState     Key = "not_an_epc_state"    // %s is not a state where European patents take effect
	TextAfterNumber   Key = "text_after_number"   // unexpected text %q after the number
	BadCharacter      Key = "bad_character"       // unexpected character %q
	DidYouMean        Key = "did_you_mean"        // %s; did you mean %q?
	BadLimit          Key = "bad_limit"           // bad limit
	BadFacetSize      Key = "bad_facet_size"      // bad facet size
	WholeFromOne      Key = "whole_from_one"      // must be a whole number from 1 to %d
)

// lists are the messages of list imports.
var lists = map[Key][2]string{
	RowRepeats:     {"repeats row %d exactly; skipped", "与第 %d 行完全相同，已跳过"},
	AtomicNothing:  {"nothing was written: an atomic import writes only a file without rejected rows", "未写入任何内容：原子导入只写入没有被拒绝行的文件"},
	AfterUnwritten: {"not written: the batch before it was not written, and rows may refer to its records; import the file again", "未写入：上一批没有写入，而这些行可能引用其中的记录；请重新导入该文件"},
	NotWritten:     {"not written: %s", "未写入：%s"},
	BatchRefused:   {"not written: the store refused a write of this batch: %s", "未写入：数据存储拒绝写入这一批：%s"},
	PartlyWritten:  {"written only in part before the store refused a write: %s; import the file again to complete it", "数据存储拒绝写入前只写入了一部分：%s；请重新导入该文件以补全"},
	FieldReason:    {"%s: %s %s", "%s：字段 %s %s"},
	AtomicTooLarge: {"an atomic import holds the whole file in one batch, and this file needs more than %d record writes: import it in parts, or not atomically",
		"原子导入把整个文件放在一批中写入，而该文件需要超过 %d 次记录写入：请分批导入，或不以原子方式导入"},
	StoppedWritten:    {"the import stopped after row %d: %s; the rows before it were imported but for those rejected", "导入在第 %d 行之后停止：%s；此前的行除被拒绝的以外均已导入"},
	StoppedNothing:    {"the import stopped after row %d: %s; nothing was written", "导入在第 %d 行之后停止：%s；未写入任何内容"},
	ContinuesFamily:   {"continues the family of row %d (its family and holder cells are blank, as merged cells are when saved as CSV)", "延续第 %d 行的专利族（其族编号和专利权人单元格为空，合并单元格另存为 CSV 时即如此）"},
	ListedAlready:     {"%s is listed already at row %d", "%s 已在第 %d 行列出"},
	NothingIdentifies: {"nothing identifies the family: the row has no family code and no number that can be read: %s", "无法确定专利族：该行没有族编号，也没有可识别的专利号：%s"},
	NoNumberInRow:     {"the row lists no patent number", "该行没有列出专利号"},
	NumberKept:        {"%s; the family keeps the number as written, to be corrected", "%s；该专利族按原文保留此号码，待更正"},
	ClaimsKept:        {"cannot read the claim numbers; the text is kept as written", "无法识别权利要求编号，按原文保留"},
	ClaimsTooMany:     {"the cell lists more than %d claim numbers; the text is kept as written", "该单元格列出的权利要求编号超过 %d 个，按原文保留"},
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
	RefsMore:          {"and %d more references cannot be read", "另有 %d 处参考章节无法识别"},
	ClaimNoText:       {"claim %d has no text", "权利要求 %d 没有文本"},
	ChartMaxRows:      {"a chart has at most %d rows", "一份对照表最多 %d 行"},
	ChartMaxElements:  {"a chart revision has at most %d elements, and element %s is number %d", "一个对照表版本最多 %d 个技术特征，而技术特征 %s 是第 %d 个"},
	ChartRowsTogether: {"the rows of one chart come together: this chart's rows began at row %d and were followed by another chart's", "同一对照表的行必须连续：本对照表从第 %d 行开始，其后夹有其他对照表的行"},
	ClaimFromOne:      {"must be a claim number from 1", "必须是从 1 起的权利要求编号"},
	ChartOneStandard:  {"names no standard the registry holds (or several); a chart maps to one version of a standard", "没有指向登记库中的标准（或指向多个）；一份对照表只对应一个标准版本"},
	NoPatentYet:       {"the registry holds no patent %s: import the patent first", "登记库中没有专利 %s：请先导入该专利"},
	OwnCharts:         {"is held by %s; a licensor token imports only its own organization's charts", "属于 %s；专利权人令牌只能导入本组织的对照表"},
	RevisionFromOne:   {"must be a revision number from 1", "必须是从 1 起的版本号"},
	RevisionTogether:  {"the rows of revision %d come together", "第 %d 版的行必须连续"},
	ElementTogether:   {"the rows of element %s come together", "技术特征 %s 的行必须连续"},
	ElementOtherText:  {"element %s has another text in an earlier row", "技术特征 %s 在前面的行中有不同的文本"},
	DiffersEarlier:    {"differs from %q in an earlier row of the same revision", "与同一版本前面行中的 %q 不同"},
	QuoteNeedsRef:     {"a quote or explanation needs the standard reference it is about", "标准原文或对应说明需要写明所涉及的标准章节"},
	RevisionSubmitted: {"revision %d of chart %s was submitted and never changes; write the change as revision %d", "对照表 %[2]s 的第 %[1]d 版已提交，不能再修改；请把修改写成第 %[3]d 版"},
	RevisionIsDraft:   {"revision %d of chart %s is a draft; submit it before revision %d", "对照表 %[2]s 的第 %[1]d 版仍是草稿；请先提交它，再写第 %[3]d 版"},
	NextRevision:      {"chart %s has %d revisions; the next is %d", "对照表 %s 已有 %d 版；下一版是第 %d 版"},
	OwnPatentsOther:   {"is held by another organization; a licensor token imports only its own organization's patents", "属于其他组织；专利权人令牌只能导入本组织的专利"},
	OwnPatents:        {"is held by %s; a licensor token imports only its own organization's patents", "属于 %s；专利权人令牌只能导入本组织的专利"},
	ByApplication:     {"names %s by its application number, and row %d lists it already", "以申请号指代 %s，而第 %d 行已列出该专利"},
	NewPatentHolder:   {"a new patent needs its holder", "新专利需要写明专利权人"},
	NewPatentTitle:    {"a new patent needs a title", "新专利需要名称"},
	DependsTwice:      {"claim %d depends on claim %d here and on claim %d in the other language", "权利要求 %d 在此引用权利要求 %d，在另一语言中却引用权利要求 %d"},
	NotAPatentNumber:  {"%q is not a valid patent number: %s", "%q 不是有效的专利号：%s"},
	NoDigits:          {"it has no digits", "其中没有数字"},
	UnknownOffice:     {"unknown office code %s", "未知的专利局代码 %s"},
	NoCountryCode:     {"no country code (expected an office prefix such as EP, US or CN before the number)", "缺少国家代码（号码前应有 EP、US、CN 等专利局代码）"},
	NotAnOfficeCode:   {"no country code (%s is not an office code)", "缺少国家代码（%s 不是专利局代码）"},
	NotAMarker:        {"(%s) after %s is not a validation marker", "%[2]s 之后的 (%[1]s) 不是生效国标记"},
	NotAnEPCState:     {"%s is not a state where European patents take effect", "%s 不是欧洲专利可以生效的国家"},
	TextAfterNumber:   {"unexpected text %q after the number", "号码之后有多余的文字 %q"},
	BadCharacter:      {"unexpected character %q", "意外的字符 %q"},
	DidYouMean:        {"%s; did you mean %q?", "%s；是否应为 %q？"},
	BadLimit:          {"bad limit", "limit 参数无效"},
	BadFacetSize:      {"bad facet size", "facet_size 参数无效"},
	WholeFromOne:      {"must be a whole number from 1 to %d", "必须是 1 到 %d 之间的整数"},
}
