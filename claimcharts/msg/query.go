package msg

// Messages of the search query language and its parameters: why a query,
// a filter, a sort or a cursor cannot be read. The comment of each is its
// English text.
const (
	QueryUnreadable  Key = "query_unreadable"   // the search query cannot be read: %s
	QueryTooLong     Key = "query_too_long"     // the query is %d characters long; at most %d are read
	QueryTooManyTerm Key = "query_too_many"     // the query has %d terms; at most %d are allowed
	PhraseTooCommon  Key = "phrase_too_common"  // the words of the phrase %q occur too often in a document to be matched as a phrase: ...
	FilterUnknownAt  Key = "filter_unknown_at"  // unknown filter %q at character %d; filters are %s (quote the text to search for it as words)
	FilterUnknown    Key = "filter_unknown"     // unknown filter
	NotAFilter       Key = "not_a_filter"       // not a filter; use one of %s
	FilterNoValue    Key = "filter_no_value"    // the filter %s: has no value
	FilterNoValueAt  Key = "filter_no_value_at" // the filter %s: at character %d has no value; write %s:value
	FilterStarEnd    Key = "filter_star_end"    // %s:%s: a * is allowed only at the end (character %d)
	FilterStarShort  Key = "filter_star_short"  // %s:%s: give at least %d character before the *; a lone * matches everything
	FilterNotValue   Key = "filter_not_value"   // %s:%s is not a value of %s; use one of %s
	FilterCountry    Key = "filter_country"     // country:%s: give a two-letter office code such as CN, US, EP
	FilterNumber     Key = "filter_number"      // number:%s: %s
	RangeNoEnd       Key = "range_no_end"       // %s:..: give at least one end of the range
	RangeBackwards   Key = "range_backwards"    // %s:%s: the range ends before it starts
	RangeDates       Key = "range_dates"        // %s:%s: write dates as YYYY, YYYY-MM or YYYY-MM-DD
	QuoteTouches     Key = "quote_touches"      // a quote at character %d touches the word %q; put a space before the phrase
	QuoteUnclosed    Key = "quote_unclosed"     // unbalanced quote: the quotation mark at character %d is never closed
	ParenNoOpen      Key = "paren_no_open"      // unbalanced parenthesis: the ) at character %d has no (
	ParenNoClose     Key = "paren_no_close"     // unbalanced parenthesis: the ( at character %d is never closed
	ParenTooDeep     Key = "paren_too_deep"     // parentheses are nested more than %d deep (at character %d)
	ParenEmpty       Key = "paren_empty"        // the parentheses at character %d hold nothing
	OrNeedsTerms     Key = "or_needs_terms"     // OR needs a term on both sides (near character %d)
	LoneStar         Key = "lone_star"          // a lone * would match everything (character %d); give words, or a filter
	StarNotAtEnd     Key = "star_not_at_end"    // %q: a * is allowed only at the end of a word (character %d)
	StarTooShort     Key = "star_too_short"     // %q: give at least %d letters before the * (character %d)
	UnknownSort      Key = "unknown_sort"       // unknown sort
	UseOneOf         Key = "use_one_of"         // use one of %s
	CursorSameQuery  Key = "cursor_same_query"  // use the next value of the previous page, with the same query and sort
)

var query = map[Key][2]string{
	QueryUnreadable:  {"the search query cannot be read: %s", "检索式无法读取：%s"},
	QueryTooLong:     {"the query is %d characters long; at most %d are read", "检索式长 %d 个字符；最多读取 %d 个"},
	PhraseTooCommon:  {"the words of the phrase %q occur too often in a document to be matched as a phrase: search them without quotes", "短语 %q 中的字词在某份文档中出现次数过多，无法按短语匹配：请去掉引号检索"},
	QueryTooManyTerm: {"the query has %d terms; at most %d are allowed", "检索式有 %d 个检索项；最多允许 %d 个"},
	FilterUnknownAt: {"unknown filter %q at character %d; filters are %s (quote the text to search for it as words)",
		"第 %[2]d 个字符处的筛选项 %[1]q 不存在；可用的筛选项：%[3]s（给文字加上引号即按文字检索）"},
	FilterUnknown:   {"unknown filter", "未知的筛选项"},
	NotAFilter:      {"not a filter; use one of %s", "不是筛选项；请使用以下之一：%s"},
	FilterNoValue:   {"the filter %s: has no value", "筛选项 %s: 没有值"},
	FilterNoValueAt: {"the filter %s: at character %d has no value; write %s:value", "第 %[2]d 个字符处的筛选项 %[1]s: 没有值；请写成 %[3]s:值"},
	FilterStarEnd:   {"%s:%s: a * is allowed only at the end (character %d)", "%s:%s：* 只能放在末尾（第 %d 个字符）"},
	FilterStarShort: {"%s:%s: give at least %d character before the *; a lone * matches everything",
		"%s:%s：* 前至少要有 %d 个字符；单独的 * 会匹配全部"},
	FilterNotValue: {"%s:%s is not a value of %s; use one of %s", "%s:%s 不是 %s 的取值；请使用以下之一：%s"},
	FilterCountry:  {"country:%s: give a two-letter office code such as CN, US, EP", "country:%s：请给出两个字母的专利局代码，如 CN、US、EP"},
	FilterNumber:   {"number:%s: %s", "号码筛选 number:%s：%s"},
	RangeNoEnd:     {"%s:..: give at least one end of the range", "%s:..：范围至少要给出一端"},
	RangeBackwards: {"%s:%s: the range ends before it starts", "%s:%s：范围的结束早于开始"},
	RangeDates:     {"%s:%s: write dates as YYYY, YYYY-MM or YYYY-MM-DD", "%s:%s：日期请写成 YYYY、YYYY-MM 或 YYYY-MM-DD"},
	QuoteTouches:   {"a quote at character %d touches the word %q; put a space before the phrase", "第 %d 个字符处的引号紧贴着词语 %q；请在短语前加一个空格"},
	QuoteUnclosed:  {"unbalanced quote: the quotation mark at character %d is never closed", "引号不成对：第 %d 个字符处的引号没有闭合"},
	ParenNoOpen:    {"unbalanced parenthesis: the ) at character %d has no (", "括号不成对：第 %d 个字符处的 ) 没有对应的 ("},
	ParenNoClose:   {"unbalanced parenthesis: the ( at character %d is never closed", "括号不成对：第 %d 个字符处的 ( 没有闭合"},
	ParenTooDeep:   {"parentheses are nested more than %d deep (at character %d)", "括号嵌套超过 %d 层（第 %d 个字符处）"},
	ParenEmpty:     {"the parentheses at character %d hold nothing", "第 %d 个字符处的括号内是空的"},
	OrNeedsTerms:   {"OR needs a term on both sides (near character %d)", "OR 两边都需要检索项（第 %d 个字符附近）"},
	LoneStar:       {"a lone * would match everything (character %d); give words, or a filter", "单独的 * 会匹配全部（第 %d 个字符）；请给出词语或筛选项"},
	StarNotAtEnd:   {"%q: a * is allowed only at the end of a word (character %d)", "%q：* 只能放在词尾（第 %d 个字符）"},
	StarTooShort:   {"%q: give at least %d letters before the * (character %d)", "%q：* 前至少要有 %d 个字母（第 %d 个字符）"},
	UnknownSort:    {"unknown sort", "未知的排序方式"},
	UseOneOf:       {"use one of %s", "请使用以下之一：%s"},
	CursorSameQuery: {"use the next value of the previous page, with the same query and sort",
		"请使用上一页返回的 next 值，并保持相同的检索式和排序"},
}
