package msg

// Messages of the reviewers', licensors' and administrators' workspace,
// and of the review rules it shows.
const (
	CSRFBad        Key = "csrf_bad"        // the form's security token is missing or wrong: reload the page and send it again
	SignInFirst    Key = "sign_in_first"   // sign in to the workspace first
	TokenUnknown   Key = "token_unknown"   // the API token is unknown or revoked
	NeedsConflict  Key = "needs_conflict"  // a review is submitted only with a conflict-of-interest declaration
	NeedsStatement Key = "needs_statement" // describe the conflict of interest, or declare none
	NeedsConclude  Key = "needs_conclude"  // a submitted review needs a conclusion
	NoElement      Key = "no_element"      // the chart revision has no element %q
	TwoVerdicts    Key = "two_verdicts"    // two verdicts for element %q
	NoVerdict      Key = "no_verdict"      // no verdict for element %q
	NotANumber     Key = "not_a_number"    // must be a whole number, got %q
	LicensorsOnly  Key = "licensors_only"  // only licensors may do this
	RefsUnreadable Key = "refs_unreadable" // the references typed cannot be read
	FormNoRev      Key = "form_no_rev"     // the form has no record revision
	BadFormField   Key = "bad_form_field"  // a field of the form cannot be read
	FormTooLarge   Key = "form_too_large"  // the form is larger than %d bytes
	UnknownLang    Key = "unknown_lang"    // unknown language
	UseZhOrEn      Key = "use_zh_or_en"    // use zh or en
)

// workspace is the workspace's part of the catalog.
var workspace = map[Key][2]string{
	CSRFBad:        {"the form's security token is missing or wrong: reload the page and send it again", "表单的安全令牌缺失或错误：请刷新页面后重新提交"},
	SignInFirst:    {"sign in to the workspace first", "请先登录工作台"},
	TokenUnknown:   {"the API token is unknown or revoked", "API 令牌不存在或已被吊销"},
	NeedsConflict:  {"a review is submitted only with a conflict-of-interest declaration", "提交审查意见前须作出利益冲突声明"},
	NeedsStatement: {"describe the conflict of interest, or declare none", "请说明利益冲突，或声明不存在利益冲突"},
	NeedsConclude:  {"a submitted review needs a conclusion", "提交的审查意见需要总体结论"},
	NoElement:      {"the chart revision has no element %q", "该版对照表没有技术特征 %q"},
	TwoVerdicts:    {"two verdicts for element %q", "技术特征 %q 有两条判断"},
	NoVerdict:      {"no verdict for element %q", "技术特征 %q 没有判断"},
	NotANumber:     {"must be a whole number, got %q", "必须是整数，实际为 %q"},
	LicensorsOnly:  {"only licensors may do this", "只有许可人可以执行此操作"},
	RefsUnreadable: {"the references typed cannot be read", "无法识别所填写的标准章节"},
	FormNoRev:      {"the form has no record revision", "表单缺少记录的版本号"},
	BadFormField:   {"a field of the form cannot be read", "表单中有字段无法识别"},
	FormTooLarge:   {"the form is larger than %d bytes", "表单超过 %d 字节"},
	UnknownLang:    {"unknown language", "未知的语言"},
	UseZhOrEn:      {"use zh or en", "请使用 zh 或 en"},
}
