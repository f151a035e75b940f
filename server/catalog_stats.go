package server

// statsText holds the strings of the pool's statistics and of the facets
// they draw.
var statsText = map[string][2]string{
	"facet.section": {"Standard section", "标准章节"},
	"facet.expires": {"Expiry year", "届满年份"},
	"stats.table":   {"Show as a table", "以表格显示"},
	"stats.patents": {"Patents", "专利数"},
	"stats.current": {"The statistics count the current list, not the list as of this date.", "以下统计针对当前清单，而非该日期的清单。"},
	"stats.asof":    {"Statistics of the current list", "当前清单的统计"},
}
