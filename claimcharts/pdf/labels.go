package pdf

import (
	"strconv"

	"sepportal/claimcharts"
)

// labels are the words the documents print, in English and Chinese.
var labels = map[string][2]string{
	"as_of":            {"As of", "截至"},
	"data_version":     {"data version", "数据版本"},
	"generated":        {"Generated", "生成时间"},
	"pool":             {"Pool", "专利池"},
	"no_pool":          {"(no pool)", "（无专利池）"},
	"chart_title":      {"Claim chart", "权利要求对照表"},
	"chart_subject":    {"Claim chart: each claim element beside the standard text it reads on", "权利要求对照表：每个技术特征与其对应的标准原文"},
	"bibliographic":    {"Bibliographic data", "著录项目"},
	"patent":           {"Patent", "专利"},
	"title":            {"Title", "名称"},
	"holder":           {"Holder", "专利权人"},
	"family":           {"Family", "同族"},
	"type":             {"Type", "专利类型"},
	"dates":            {"Dates", "日期"},
	"date_priority":    {"priority", "优先权日"},
	"date_filing":      {"filed", "申请日"},
	"date_grant":       {"granted", "授权日"},
	"date_expiry":      {"expires", "届满日"},
	"legal_status":     {"Legal status", "法律状态"},
	"standard":         {"Standard", "标准"},
	"claim":            {"Claim", "权利要求"},
	"revision":         {"Revision", "修订版"},
	"note":             {"Note", "备注"},
	"elements":         {"Claim elements and the standard", "技术特征与标准对照"},
	"element":          {"Element", "技术特征"},
	"reference":        {"Standard reference", "标准章节"},
	"explanation":      {"Explanation", "对应说明"},
	"determination":    {"Determination", "必要性审查结果"},
	"no_determination": {"No published determination yet.", "尚无已公布的审查结果。"},
	"result":           {"Result", "结论"},
	"rule":             {"Rule", "规则"},
	"decided_on":       {"Decided on", "决定日期"},
	"published":        {"Published", "公布时间"},
	"findings":         {"Findings per element", "逐项审查意见"},
	"reviewer":         {"Reviewer", "审查专家"},
	"verdict":          {"Verdict", "意见"},
	"conclusion":       {"Conclusion", "结论"},
	"conflict":         {"Conflict of interest", "利益冲突声明"},
	"conflict_none":    {"None declared", "声明无利益冲突"},
	"summary":          {"Summary", "摘要"},
	"report_title":     {"Essentiality review report", "必要性审查报告"},
	"report_subject":   {"The pool's essentiality determination and the reviews behind it", "专利池的必要性审查结果及其所依据的审查意见"},
	"reviews":          {"Reviews", "审查意见"},
	"submitted_on":     {"Submitted", "提交日期"},
	"list_title":       {"Patent list", "专利清单"},
	"list_subject":     {"The patents on the pool's list as of the date", "截至该日期列入专利池清单的专利"},
	"members":          {"Members by country", "各国同族专利"},
	"standards":        {"Standards", "标准"},
	"references":       {"References", "参考章节"},
	"status":           {"Status", "状态"},
	"admitted_on":      {"Admitted", "入池日期"},
	"family_count":     {"Families", "专利族数"},
	"search_title":     {"Search results", "检索结果"},
	"search_subject":   {"A snapshot of search results", "检索结果快照"},
	"query":            {"Query", "检索式"},
	"filters":          {"Filters", "筛选条件"},
	"total":            {"Results", "结果数"},
	"shown":            {"shown", "显示"},
	"hit":              {"Found", "命中"},
	"what":             {"Kind", "类型"},
	"portal_page":      {"Portal page", "门户页面"},
	"none":             {"—", "—"},

	"admitted":      {"admitted", "已入池"},
	"removed":       {"removed", "已移出"},
	"under_review":  {"under review", "审查中"},
	"applied":       {"applied", "已申请"},
	"essential":     {"essential", "必要"},
	"not_essential": {"not essential", "非必要"},
	"unclear":       {"unclear", "不确定"},
	"met":           {"met", "符合"},
	"not_met":       {"not met", "不符合"},
	"unanimous":     {"unanimous", "一致同意"},
	"majority":      {"majority", "多数决"},
	"invention":     {"invention", "发明"},
	"utility_model": {"utility model", "实用新型"},
	"design":        {"design", "外观设计"},
	"pending":       {"pending", "审中"},
	"granted":       {"granted", "有效"},
	"expired":       {"expired", "届满"},
	"lapsed":        {"lapsed", "失效"},
	"revoked":       {"revoked", "无效"},
	"withdrawn":     {"withdrawn", "撤回"},
	"draft":         {"draft", "草稿"},
	"submitted":     {"submitted", "已提交"},
	"patent_hit":    {"patent", "专利"},
	"element_hit":   {"claim element", "技术特征"},
	"reference_hit": {"standard reference", "标准章节"},
}

// label returns the word for key in lang; a key without one is printed as is.
func label(lang, key string) string {
	l, ok := labels[key]
	if !ok {
		return key
	}
	if lang == "zh" {
		return l[1]
	}
	return l[0]
}

// pageOf is "page X of Y": Y is fpdf's alias, replaced when the document ends.
func pageOf(lang string, n int) string {
	if lang == "zh" {
		return "第 " + strconv.Itoa(n) + " 页，共 {nb} 页"
	}
	return "Page " + strconv.Itoa(n) + " of {nb}"
}

// reviewerName is how a reviewer is shown: the name when the pool publishes
// it (the Registry leaves it in place), else "Reviewer n".
func reviewerName(lang, reviewer string, n int) string {
	if reviewer != claimcharts.ReviewerWithheld && reviewer != "" {
		return reviewer
	}
	if lang == "zh" {
		return "审查专家 " + strconv.Itoa(n)
	}
	return "Reviewer " + strconv.Itoa(n)
}
