package server

import (
	"strings"

	"sepportal/claimcharts"
	"sepportal/claimcharts/msg"
)

// locale is a reader's language ("zh" or "en"); its methods give the pages'
// fixed text from the one catalog of them.
type locale string

// T returns the text of key in the reader's language. A key missing from
// the catalog shows as "⟦key⟧", which the tests look for.
func (l locale) T(key string) string {
	m, ok := catalog[key]
	if !ok {
		return "⟦" + key + "⟧"
	}
	if l == "zh" {
		return m[1]
	}
	return m[0]
}

// In returns a record's text in the reader's language.
func (l locale) In(t claimcharts.Text) string { return t.In(string(l)) }

// Enum names one value of a set ("status", "admitted") from the catalog,
// or the value itself when the catalog does not know it.
func (l locale) Enum(set, value string) string {
	if value == "" {
		return ""
	}
	if _, ok := catalog[set+"."+value]; ok {
		return l.T(set + "." + value)
	}
	return strings.ReplaceAll(value, "_", " ")
}

// catalog is every fixed string of the pages, English then Chinese: the
// parts below joined, each part one area of the portal in its own file.
// Add a new area's part to this list.
var catalog = msg.Join(pageText, portalText, wsText, listsText, challengeText, feedsText)

// pageText is the public pages' fixed text.
var pageText = map[string][2]string{
	// Layout.
	"site.name":       {"SEP Portal", "SEP Portal 标准必要专利公示平台"},
	"site.skip":       {"Skip to content", "跳到正文"},
	"site.footer":     {"SEP Portal publishes pool lists, claim charts and essentiality review results. Data marked as demo data is fictitious.", "SEP Portal 公布专利池清单、权利要求对照表与必要性审查结果。标注为演示数据的内容均为虚构。"},
	"site.language":   {"Language", "语言"},
	"nav.main":        {"Main", "主导航"},
	"nav.home":        {"Pools", "专利池"},
	"nav.search":      {"Search", "检索"},
	"nav.help":        {"Search help", "检索帮助"},
	"nav.api":         {"API documentation", "API 文档"},
	"nav.breadcrumbs": {"Breadcrumbs", "页面路径"},
	"demo":            {"fictitious demo data", "虚构演示数据"},

	// Home.
	"home.title":     {"Standard-essential patent pools", "标准必要专利池"},
	"home.intro":     {"The public register of the pools' patent lists, the claim charts mapping each claim element to the standard, and the essentiality review results behind each admission.", "公开登记各专利池的入池专利清单、将每个权利要求技术特征对应到标准章节的权利要求对照表，以及每项入池决定所依据的必要性审查结果。"},
	"home.pools":     {"Pools", "专利池"},
	"home.nopools":   {"No pool has been published yet.", "尚无已公布的专利池。"},
	"home.admitted":  {"patents on the list", "件专利在清单中"},
	"home.open":      {"Open the pool's list", "查看入池专利清单"},
	"home.changes":   {"Latest changes", "最新变动"},
	"home.nochanges": {"No changes yet.", "暂无变动。"},
	"home.next":      {"Next: open a pool to page through its list, search for a patent, or read a claim chart from a patent's page.", "下一步：打开专利池浏览其清单、检索专利，或在专利页面阅读权利要求对照表。"},

	// Search form and results.
	"search.title":     {"Search", "检索"},
	"search.label":     {"Search patents, claim charts and standard sections", "检索专利、权利要求对照表和标准章节"},
	"search.button":    {"Search", "检索"},
	"search.hint":      {"Words, a patent number (CN 105900101 B) or filters such as holder:… country:CN section:8.5.3.2.", "可输入词语、专利号（如 CN 105900101 B）或筛选条件，如 holder:… country:CN section:8.5.3.2。"},
	"search.results":   {"Results", "检索结果"},
	"search.total":     {"results", "条结果"},
	"search.none":      {"Nothing found. Try fewer words, or see the search help.", "未找到结果。请减少检索词，或查看检索帮助。"},
	"search.facets":    {"Refine", "筛选"},
	"search.clear":     {"Clear filters", "清除筛选"},
	"search.next":      {"Next page", "下一页"},
	"search.first":     {"First page", "第一页"},
	"search.filtered":  {"Filtered by", "筛选条件"},
	"search.remove":    {"remove", "移除"},
	"search.type":      {"Type", "类型"},
	"type.patent":      {"Patent", "专利"},
	"type.element":     {"Claim element", "权利要求技术特征"},
	"type.reference":   {"Standard section", "标准章节"},
	"facet.pool":       {"Pool", "专利池"},
	"facet.holder":     {"Holder", "专利权人"},
	"facet.country":    {"Country", "国家/地区"},
	"facet.standard":   {"Standard", "标准"},
	"facet.result":     {"Review result", "审查结论"},
	"facet.status":     {"Status on the list", "清单状态"},
	"snippet.title":    {"title", "名称"},
	"snippet.element":  {"element", "技术特征"},
	"snippet.abstract": {"abstract", "摘要"},

	// Help.
	"help.title":    {"How to search", "检索方法"},
	"help.intro":    {"Type words in Chinese or English; every word must match. Put a phrase in double quotes. A patent number in any spelling finds that patent and its family.", "输入中文或英文词语，结果须包含全部词语。短语请加英文双引号。任意写法的专利号都能找到该专利及其同族专利。"},
	"help.filters":  {"Filters", "筛选条件"},
	"help.filterin": {"Write name:value to filter; several filters all apply. A value ending in * matches a prefix; dates take ranges.", "以 name:value 形式筛选，多个条件同时适用。以 * 结尾的值按前缀匹配；日期可写范围。"},
	"help.examples": {"Examples", "示例"},
	"help.name":     {"Filter", "筛选项"},
	"help.example":  {"Example", "示例"},
	"help.meaning":  {"Finds", "查找"},
	"help.sorts":    {"Sorting", "排序"},
	"help.sortin":   {"Results with words are sorted by relevance, others by number; the sort menu of a list changes that.", "含检索词的结果按相关度排序，其余按专利号排序；清单的排序菜单可以更改。"},

	// Pool.
	"pool.admin":        {"Administrator", "运营管理机构"},
	"pool.standards":    {"Standards", "标准"},
	"pool.licensors":    {"Licensors", "许可人"},
	"pool.licensees":    {"Licensees", "被许可人"},
	"pool.policy":       {"Admission policy", "入池规则"},
	"pool.reviewers":    {"Reviewers per patent", "每件专利审查专家人数"},
	"pool.rule":         {"Decision rule", "决定规则"},
	"pool.identity":     {"Reviewer identities", "审查专家身份"},
	"pool.identity.yes": {"published with the results", "随结果公开"},
	"pool.identity.no":  {"withheld (reviewers are numbered)", "不公开（以编号表示）"},
	"pool.terms":        {"Licence terms", "许可条件"},
	"pool.terms.none":   {"The pool has not published licence terms here.", "该专利池尚未在此公布许可条件。"},
	"pool.terms.link":   {"Published terms", "已公布的许可条件"},
	"pool.list":         {"Patent list", "入池专利清单"},
	"pool.asof":         {"The list as it stood on", "清单状态截至"},
	"pool.asof.label":   {"List as of (date)", "清单截至日期"},
	"pool.asof.now":     {"Show the current list", "查看当前清单"},
	"pool.asof.none":    {"No patent was on the list on that date.", "该日期清单中没有专利。"},
	"pool.asof.bad":     {"The date must be written YYYY-MM-DD.", "日期格式须为 YYYY-MM-DD。"},
	"pool.current":      {"The current list.", "当前清单。"},
	"pool.filter":       {"Filter the list", "筛选清单"},
	"pool.apply":        {"Apply", "应用"},
	"pool.any":          {"any", "全部"},
	"pool.words":        {"Words or number", "词语或专利号"},
	"pool.sort":         {"Sort", "排序"},
	"pool.stats":        {"Statistics", "统计"},
	"pool.downloads":    {"Downloads", "下载"},
	"pool.changes":      {"Change log", "变动记录"},
	"pool.feed":         {"Subscribe (Atom feed)", "订阅（Atom 源）"},
	"pool.nochanges":    {"No admissions or removals yet.", "尚无入池或移出记录。"},
	"pool.draft":        {"draft", "草稿"},
	"sort.relevance":    {"relevance", "相关度"},
	"sort.number":       {"number, ascending", "专利号升序"},
	"sort.-number":      {"number, descending", "专利号降序"},
	"sort.date":         {"date, oldest first", "日期，最早在前"},
	"sort.-date":        {"date, newest first", "日期，最新在前"},
	"rule.unanimous":    {"unanimous", "一致同意"},
	"rule.majority":     {"majority", "多数同意"},
	"stats.country":     {"Patents by country", "按国家/地区统计"},
	"stats.holder":      {"Patents by holder", "按专利权人统计"},
	"stats.standard":    {"Patents by standard", "按标准统计"},
	"stats.expiry":      {"Patents by expiry year", "按届满年份统计"},
	"stats.section":     {"Patents by standard section", "按标准章节统计"},
	"download.pdf":      {"Pool list (PDF)", "入池清单（PDF）"},
	"download.csv":      {"Pool list (CSV)", "入池清单（CSV）"},
	"download.xlsx":     {"Pool list (Excel)", "入池清单（Excel）"},
	"download.jsonl":    {"Pool list (JSON Lines)", "入池清单（JSON Lines）"},
	"download.patents":  {"Patents with claims (Excel)", "专利及权利要求（Excel）"},
	"download.charts":   {"Claim charts (Excel)", "权利要求对照表（Excel）"},

	// Columns and facts.
	"col.number":     {"Patent", "专利号"},
	"col.title":      {"Title", "名称"},
	"col.holder":     {"Holder", "专利权人"},
	"col.country":    {"Country", "国家/地区"},
	"col.status":     {"Status", "状态"},
	"col.effective":  {"Admitted", "入池日期"},
	"col.removed":    {"Removed", "移出日期"},
	"col.reason":     {"Reason", "原因"},
	"col.date":       {"Date", "日期"},
	"col.change":     {"Change", "变动"},
	"col.pool":       {"Pool", "专利池"},
	"col.result":     {"Review result", "审查结论"},
	"col.expiry":     {"Expiry", "届满日"},
	"col.claim":      {"Claim", "权利要求"},
	"col.element":    {"Element", "技术特征"},
	"col.references": {"Standard references", "标准章节"},
	"col.count":      {"Count", "数量"},
	"col.event":      {"Event", "事件"},
	"col.note":       {"Note", "备注"},

	// Patent.
	"patent.biblio":      {"Bibliographic data", "著录项目"},
	"patent.number":      {"Number", "专利号"},
	"patent.submitted":   {"As submitted", "提交时写法"},
	"patent.application": {"Application", "申请号"},
	"patent.type":        {"Type", "专利类型"},
	"patent.legal":       {"Legal status", "法律状态"},
	"patent.priority":    {"Priority date", "优先权日"},
	"patent.filing":      {"Filing date", "申请日"},
	"patent.grant":       {"Grant date", "授权日"},
	"patent.expiry":      {"Expiry date", "届满日"},
	"patent.evaluation":  {"Evaluation report", "专利权评价报告"},
	"patent.family":      {"Family members", "同族专利"},
	"patent.nofamily":    {"No other member of its family is public.", "无其他公开的同族专利。"},
	"patent.abstract":    {"Abstract", "摘要"},
	"patent.claims":      {"Claims", "权利要求书"},
	"patent.dependent":   {"depends on claim", "引用权利要求"},
	"patent.citations":   {"Illustrative references (from the pool list)", "示例性参考章节（来自入池清单）"},
	"patent.charts":      {"Claim charts", "权利要求对照表"},
	"patent.nocharts":    {"No claim chart of this patent is published.", "该专利尚无已公布的权利要求对照表。"},
	"patent.entries":     {"Pool entries", "入池记录"},
	"patent.noentries":   {"The patent is on no public pool list.", "该专利不在任何公开的专利池清单中。"},
	"patent.api":         {"This record in the API", "API 中的此记录"},
	"chart.title":        {"Claim %s against %s", "权利要求 %s 对照 %s"},
	"chart.revision":     {"Revision", "修订版"},
	"chart.submitted":    {"submitted", "提交于"},
	"chart.elements":     {"Element by element", "逐项技术特征对照"},
	"chart.quote":        {"Standard text", "标准原文"},
	"chart.explanation":  {"Explanation", "对应说明"},
	"chart.history":      {"Revision history", "修订历史"},
	"chart.pdf":          {"Claim chart (PDF)", "权利要求对照表（PDF）"},
	"review.pdf":         {"Review report (PDF)", "审查报告（PDF）"},
	"search.pdf":         {"These results (PDF)", "本页结果（PDF）"},
	"chart.diff":         {"Changes from revision", "相对修订版的变动"},
	"chart.onlyone":      {"One revision is published; there is nothing to compare.", "仅公布一个修订版，无可比较内容。"},
	"chart.added":        {"added", "新增"},
	"chart.dropped":      {"removed", "删除"},
	"chart.changed":      {"changed", "修改"},
	"chart.unchanged":    {"No element changed.", "技术特征无变动。"},
	"review.title":       {"Review result", "必要性审查结果"},
	"review.none":        {"No review result is published for this chart.", "该对照表尚无已公布的审查结果。"},
	"review.decided":     {"Decided on", "决定日期"},
	"review.rule":        {"Rule", "决定规则"},
	"review.note":        {"Rationale", "理由"},
	"review.findings":    {"Findings per element", "逐项审查意见"},
	"review.reviewer":    {"Reviewer", "审查专家"},
	"review.conclusion":  {"Conclusion", "结论"},
	"review.withheld":    {"Reviewer %d", "审查专家 %d"},

	// Standard and section.
	"standard.body":       {"Body", "标准组织"},
	"standard.number":     {"Number", "标准号"},
	"standard.version":    {"Version", "版本"},
	"standard.date":       {"Date", "日期"},
	"standard.tree":       {"Sections, figures and tables", "章节、图和表"},
	"standard.charted":    {"What is charted against this section", "对照到本章节的权利要求"},
	"standard.subtree":    {"Include its subsections", "包含下级章节"},
	"standard.nocharted":  {"No published claim chart maps an element to this section.", "尚无已公布的权利要求对照表将技术特征对应到本章节。"},
	"standard.parent":     {"Part of", "上级"},
	"standard.children":   {"Subsections", "下级章节"},
	"standard.section":    {"Section", "章节"},
	"kind.section":        {"Section", "章节"},
	"kind.figure":         {"Figure", "图"},
	"kind.table":          {"Table", "表"},
	"kind.annex":          {"Annex", "附录"},
	"standard.references": {"references", "个条目"},

	// Holder.
	"holder.country":     {"Country", "国家/地区"},
	"holder.roles":       {"Roles", "角色"},
	"holder.website":     {"Website", "网站"},
	"holder.perpool":     {"Patents per pool", "各专利池中的专利"},
	"holder.patents":     {"Published patents", "已公开的专利"},
	"holder.nopatents":   {"No published patent of this organization.", "该机构尚无已公开的专利。"},
	"role.licensor":      {"licensor", "许可人"},
	"role.licensee":      {"licensee", "被许可人"},
	"role.administrator": {"administrator", "运营管理机构"},
	"role.evaluator":     {"evaluator", "评估机构"},

	// Values.
	"status.applied":       {"applied", "已申请"},
	"status.under_review":  {"under review", "审查中"},
	"status.admitted":      {"admitted", "已入池"},
	"status.removed":       {"removed", "已移出"},
	"result.essential":     {"essential", "必要"},
	"result.not_essential": {"not essential", "非必要"},
	"result.unclear":       {"unclear", "不明确"},
	"verdict.met":          {"met", "满足"},
	"verdict.not_met":      {"not met", "不满足"},
	"verdict.unclear":      {"unclear", "不明确"},
	"reason.expired":       {"expired", "期限届满"},
	"reason.invalidated":   {"invalidated", "被宣告无效"},
	"reason.withdrawn":     {"withdrawn", "撤回"},
	"reason.not_essential": {"found not essential", "经审查非必要"},
	"reason.transferred":   {"transferred", "已转让"},
	"reason.term_ended":    {"term ended", "期限终止"},
	"ptype.invention":      {"invention", "发明"},
	"ptype.utility_model":  {"utility model", "实用新型"},
	"ptype.design":         {"design", "外观设计"},
	"legal.pending":        {"pending", "审查中"},
	"legal.granted":        {"granted", "已授权"},
	"legal.expired":        {"expired", "已届满"},
	"legal.lapsed":         {"lapsed", "已失效"},
	"legal.revoked":        {"revoked", "已撤销"},
	"legal.withdrawn":      {"withdrawn", "已撤回"},
	"revstatus.draft":      {"draft", "草稿"},
	"revstatus.submitted":  {"submitted", "已提交"},

	// Feed.
	"feed.title":    {"Changes to the list of %s", "%s 清单变动"},
	"feed.admitted": {"%s admitted to the list", "%s 入池"},
	"feed.removed":  {"%s removed from the list (%s)", "%s 移出清单（%s）"},

	// Error page.
	"error.field":     {"Field", "字段"},
	"error.reason":    {"Reason", "原因"},
	"error.requestid": {"Request id:", "请求编号："},
	"error.home":      {"Back to the home page", "返回首页"},

	// Problems page.
	"problems.title":   {"Problem types", "错误类型"},
	"problems.intro":   {"The API answers errors as RFC 9457 problem documents (application/problem+json). Their type links here; the code says what went wrong, the errors list names each field.", "API 以 RFC 9457 问题文档（application/problem+json）返回错误。其 type 链接到本页；code 说明出错原因，errors 列表指明每个有误的字段。"},
	"problems.meaning": {"Meaning", "含义"},
}
