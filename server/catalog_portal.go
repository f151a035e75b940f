package server

// portalText holds the strings of the pool's statistics, of the facets
// they draw, and of the home page's first steps.
var portalText = map[string][2]string{
	"facet.section": {"Standard section", "标准章节"},
	"facet.expires": {"Expiry year", "届满年份"},
	"stats.table":   {"Show as a table", "以表格显示"},
	"stats.patents": {"Patents", "专利数"},
	"stats.current": {"The statistics count the current list, not the list as of this date.", "以下统计针对当前清单，而非该日期的清单。"},
	"stats.asof":    {"Statistics of the current list", "当前清单的统计"},
	"start.title":   {"Where to start", "从这里开始"},
	"start.pool":    {"Open the pool's patent list: filter it, page through it, or see it as of a past date.", "打开专利池的入池专利清单：筛选、翻页，或查看过去某日的清单。"},
	"start.patent":  {"Click a patent number in the list: its claim charts stand element by element beside the standard's text, with the review result and the chart's history.", "点击清单中的专利号：权利要求对照表逐项列出技术特征及对应的标准原文，并附审查结论和修订历史。"},
	"start.search":  {"Search patents, claim elements and standard sections in either language; the help page explains the query language.", "以中文或英文检索专利、技术特征和标准章节；检索帮助页说明检索语法。"},
	"start.feed":    {"Subscribe to the pool's changes (Atom feed).", "订阅专利池的变动（Atom 订阅源）。"},
}
