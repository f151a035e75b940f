// Package msg is the catalog of the messages SEP Portal shows its callers,
// in English and Chinese: the reasons a record or a request is refused,
// the common conflicts, not found. A domain error names its message by
// key with arguments (claimcharts.Error.Key, Args), and whoever answers
// the caller renders it in the caller's language with Text.
//
// The English texts are those callers and tests have always read; change
// one only on purpose. The package imports only the standard library.
package msg

import (
	"fmt"
	"strings"
)

// Key names a message of the catalog.
type Key string

// Messages of the catalog. The comment of each is its English text.
const (
	// Not found and conflicts.
	NotFound        Key = "not_found"          // no %s %s
	NothingAt       Key = "nothing_at"         // there is nothing at %s
	MethodNotAt     Key = "method_not_at"      // %s is not allowed on %s
	Exists          Key = "exists"             // %s %q exists already
	NoReference     Key = "no_reference"       // standard %s has no reference %q
	HasReference    Key = "has_reference"      // standard %s already has reference %s
	NoRevision      Key = "no_revision"        // chart %s has no revision %s
	RevisionDraft   Key = "revision_draft"     // revision %d of chart %s is still a draft: ...
	RevisionFixed   Key = "revision_fixed"     // revision %d of chart %s was submitted and never changes: ...
	ReviewFixed     Key = "review_fixed"       // review %s was submitted and never changes
	DecisionFixed   Key = "decision_fixed"     // determination %s is published and never changes
	PoolPublished   Key = "pool_published"     // pool %s is published and cannot return to draft
	EntryMove       Key = "entry_move"         // an entry that is %s cannot become %s
	NotEssential    Key = "not_essential"      // patent %s has no published determination of pool %s ...
	AlreadyAssigned Key = "already_assigned"   // reviewer %s is already assigned revision %d of chart %s (review %s)
	RecordInvalid   Key = "record_invalid"     // the record is not valid
	RebuildRunning  Key = "rebuild_running"    // the search index is being rebuilt already
	SearchTooLong   Key = "search_too_long"    // the search took too long; ...
	SearchBusy      Key = "search_busy"        // the search service is busy; try again in a moment
	UnknownParam    Key = "unknown_parameter"  // unknown query parameter
	RepeatedParam   Key = "repeated_parameter" // repeated query parameter
	AsOfNeedsPool   Key = "as_of_needs_pool"   // the list as of a date is a pool's list: name one pool
	NoHolderFamily  Key = "no_holder_family"   // the patent names no family of its holder

	// Field reasons.
	Required     Key = "required"      // is required
	Empty        Key = "empty"         // is empty
	EmptyNeeds   Key = "empty_needs"   // is empty: every row needs the %s
	EmptyElement Key = "empty_element" // is empty: every row names its claim element (1[a], 1[b]...)
	NeedsText    Key = "needs_text"    // needs a Chinese or an English text
	OneOf        Key = "one_of"        // must be one of: %s; got %q
	BadSlug      Key = "bad_slug"      // must be lower-case letters, digits, ...
	BadDate      Key = "bad_date"      // must be a date written YYYY-MM-DD, got %q
	MaxItems     Key = "max_items"     // may hold at most %s items
	MaxLength    Key = "max_length"    // may be at most %s characters long
	AtMost       Key = "at_most"       // must be at most %s
	MinItems     Key = "min_items"     // needs at least %s items
	AtLeast      Key = "at_least"      // must be at least %s
	Length       Key = "length"        // must be exactly %s characters long
	AbsoluteURL  Key = "absolute_url"  // must be an absolute URL
	UpperCase    Key = "upper_case"    // must be upper case
	FailsRule    Key = "fails_rule"    // fails the %s rule
	UnknownField Key = "unknown_field" // unknown field
	GiveOnce     Key = "give_once"     // give it once
	NoFamilyOf   Key = "no_family_of"  // no family %s held by %s
)

// catalog holds each message's format in English ([0]) and Chinese ([1]),
// for fmt.Sprintf; a Chinese format may take its arguments in another
// order with explicit indexes (%[2]s). It joins the parts below, each one
// area's messages, kept in its own file; add a new area's part here.
var catalog = Join(common, workspace, challenge, lists, feeds, numbers, records, access, requests, files, query)

// Join merges parts into one catalog (this package's, or the pages'); a
// key given by two parts is a mistake, and panics when the package loads,
// so every test finds it.
func Join[K comparable](parts ...map[K][2]string) map[K][2]string {
	all := make(map[K][2]string)
	for _, part := range parts {
		for k, v := range part {
			if _, dup := all[k]; dup {
				panic(fmt.Sprintf("catalog key %v given twice", k))
			}
			all[k] = v
		}
	}
	return all
}

// common is the messages of records, requests and their fields.
var common = map[Key][2]string{
	NotFound:        {"no %s %s", "%[1]s %[2]s 不存在"},
	NothingAt:       {"there is nothing at %s", "%s 处没有内容"},
	MethodNotAt:     {"%s is not allowed on %s", "%[2]s 不接受 %[1]s 请求"},
	Exists:          {"%s %q exists already", "%s %q 已存在"},
	NoReference:     {"standard %s has no reference %q", "标准 %s 没有章节 %q"},
	HasReference:    {"standard %s already has reference %s", "标准 %s 已有章节 %s"},
	NoRevision:      {"chart %s has no revision %s", "对照表 %s 没有第 %s 版"},
	RevisionDraft:   {"revision %d of chart %s is still a draft: edit it instead of starting another", "对照表 %[2]s 的第 %[1]d 版仍是草稿：请修改它，而不是另起新版"},
	RevisionFixed:   {"revision %d of chart %s was submitted and never changes: start a new revision", "对照表 %[2]s 的第 %[1]d 版已提交，不能再修改：请新建一版"},
	ReviewFixed:     {"review %s was submitted and never changes", "审查意见 %s 已提交，不能再修改"},
	DecisionFixed:   {"determination %s is published and never changes", "审查结论 %s 已公布，不能再修改"},
	PoolPublished:   {"pool %s is published and cannot return to draft", "专利池 %s 已公布，不能退回草稿"},
	EntryMove:       {"an entry that is %s cannot become %s", "状态为 %s 的入池条目不能变为 %s"},
	NotEssential:    {"patent %s has no published determination of pool %s finding it essential; it cannot be admitted", "专利 %s 没有专利池 %s 已公布的认定其必要的审查结论，不能入池"},
	AlreadyAssigned: {"reviewer %s is already assigned revision %d of chart %s (review %s)", "审查专家 %[1]s 已被分配对照表 %[3]s 的第 %[2]d 版（审查意见 %[4]s）"},
	RecordInvalid:   {"the record is not valid", "记录无效"},
	NoHolderFamily:  {"the patent names no family of its holder", "专利所列的专利族不属于其权利人"},
	RebuildRunning:  {"the search index is being rebuilt already", "搜索索引正在重建"},
	SearchTooLong:   {"the search took too long; try again in a moment, or make the query more specific", "搜索超时：请稍后重试，或把查询写得更具体"},
	SearchBusy:      {"the search service is busy; try again in a moment", "搜索服务繁忙，请稍后重试"},
	UnknownParam:    {"unknown query parameter", "未知的查询参数"},
	RepeatedParam:   {"repeated query parameter", "查询参数重复"},
	AsOfNeedsPool:   {"the list as of a date is a pool's list: name one pool", "某日的清单是某个专利池的清单：请指定一个专利池"},

	Required:     {"is required", "必填"},
	NoFamilyOf:   {"no family %s held by %s", "%[2]s 名下没有专利族 %[1]s"},
	Empty:        {"is empty", "为空"},
	EmptyNeeds:   {"is empty: every row needs the %s", "为空：每一行都需要%s"},
	EmptyElement: {"is empty: every row names its claim element (1[a], 1[b]...)", "为空：每一行都要写明技术特征（1[a]、1[b]……）"},
	NeedsText:    {"needs a Chinese or an English text", "需要中文或英文文本"},
	OneOf:        {"must be one of: %s; got %q", "必须是以下之一：%s；实际为 %q"},
	BadSlug:      {"must be lower-case letters, digits, '.', '_' or '-' (at most 128), got %q", "只能由小写字母、数字、“.”、“_”或“-”组成（最多 128 个），实际为 %q"},
	BadDate:      {"must be a date written YYYY-MM-DD, got %q", "必须是 YYYY-MM-DD 格式的日期，实际为 %q"},
	MaxItems:     {"may hold at most %s items", "最多 %s 项"},
	MaxLength:    {"may be at most %s characters long", "最多 %s 个字符"},
	AtMost:       {"must be at most %s", "不能大于 %s"},
	MinItems:     {"needs at least %s items", "至少需要 %s 项"},
	AtLeast:      {"must be at least %s", "不能小于 %s"},
	Length:       {"must be exactly %s characters long", "必须正好 %s 个字符"},
	AbsoluteURL:  {"must be an absolute URL", "必须是完整的 URL"},
	UpperCase:    {"must be upper case", "必须大写"},
	FailsRule:    {"fails the %s rule", "不符合 %s 规则"},
	UnknownField: {"unknown field", "未知字段"},
	GiveOnce:     {"give it once", "只能给出一次"},
}

// nouns are the words that messages take as Noun arguments.
var nouns = map[Noun][2]string{
	"pool":          {"pool", "专利池"},
	"organization":  {"organization", "组织"},
	"standard":      {"standard", "标准"},
	"patent":        {"patent", "专利"},
	"family":        {"family", "专利族"},
	"chart":         {"chart", "权利要求对照表"},
	"review":        {"review", "审查意见"},
	"determination": {"determination", "审查结论"},
	"entry":         {"entry", "入池条目"},
	"token":         {"token", "令牌"},
	"patent number": {"patent number", "专利号"},
	"patent holder": {"patent holder", "专利权人"},
	"applied":       {"applied", "已申请"},
	"under_review":  {"under_review", "审查中"},
	"admitted":      {"admitted", "已入池"},
	"removed":       {"removed", "已移出"},
	"challenge":     {"challenge", "异议"},
	"filed":         {"filed", "待处理"},
	"upheld":        {"upheld", "成立"},
	"dismissed":     {"dismissed", "驳回"},
	"assigned":      {"assigned", "已分配"},
	"draft":         {"draft", "草稿"},
	"submitted":     {"submitted", "已提交"},
	"published":     {"published", "已公布"},
	"new revision":  {"new revision", "新建一版"},
	"update draft":  {"update draft", "修改草稿"},
	"submit":        {"submit", "提交"},
	"feed_token":    {"feed token", "订阅令牌"},
	"priority":      {"priority", "优先权"},
	"filing":        {"filing", "申请"},
	"grant":         {"grant", "授权"},
	"expiry":        {"expiry", "届满"},
	"admin":         {"admin", "管理员"},
	"licensor":      {"licensor", "许可人"},
	"reviewer":      {"reviewer", "审查专家"},
	"pool-list":     {"pool-list", "入池专利清单"},
	"patents":       {"patents", "专利"},
	"charts":        {"charts", "对照表"},
	"request body":  {"request body", "请求体"},
	"upload":        {"upload", "上传的文件"},
	"import job":    {"import job", "导入任务"},
	"asset":         {"asset", "静态文件"},
	"a number":      {"a number", "数字"},
	"a string":      {"a string", "字符串"},
	"true or false": {"true or false", " true 或 false"},
	"an array":      {"an array", "数组"},
	"an object":     {"an object", "对象"},
	"file":          {"file", "文件"},
	"sheet":         {"sheet", "工作表"},
}

// Noun is an argument that is itself a word to translate: a kind of
// record ("patent"), a state ("admitted"). A noun the catalog lacks is
// shown as it is.
type Noun string

// Nouns is a list argument of nouns, shown joined in the reader's
// language ("none" when empty).
type Nouns []string

// in is the list in lang.
func (ns Nouns) in(lang string) string {
	if len(ns) == 0 {
		return Text(lang, NoneLeft)
	}
	words := make([]string, len(ns))
	for i, n := range ns {
		words[i] = Noun(n).in(lang)
	}
	if lang == "zh" {
		return strings.Join(words, "、")
	}
	return strings.Join(words, ", ")
}

// Each is a list argument of reasons, each a Msg or a text, shown in the
// reader's language joined by semicolons.
type Each []any

// in is the list in lang.
func (e Each) in(lang string) string {
	parts := make([]string, len(e))
	for i, r := range e {
		if m, ok := r.(Msg); ok {
			r = m.In(lang)
		}
		parts[i] = fmt.Sprint(r)
	}
	if lang == "zh" {
		return strings.Join(parts, "；")
	}
	return strings.Join(parts, "; ")
}

// In is the noun in lang ("zh" or "en").
func (n Noun) In(lang string) string { return n.in(lang) }

// in is the noun in lang.
func (n Noun) in(lang string) string {
	if t, ok := nouns[n]; ok {
		return pick(t, lang)
	}
	return string(n)
}

// Text is the message key with args in lang ("zh" or "en"; anything else
// reads English). A key the catalog lacks is shown as it is, with its
// arguments, so that a missing entry is visible but harmless.
func Text(lang string, key Key, args ...any) string {
	t, ok := catalog[key]
	if !ok {
		return strings.TrimSpace(string(key) + " " + fmt.Sprint(args...))
	}
	local := make([]any, len(args))
	for i, a := range args {
		switch v := a.(type) {
		case Noun:
			a = v.in(lang)
		case Nouns:
			a = v.in(lang)
		case Each:
			a = v.in(lang)
		case Msg:
			a = v.In(lang)
		}
		local[i] = a
	}
	return fmt.Sprintf(pick(t, lang), local...)
}

// Msg is a message to render later, in the reader's language: a reason
// kept for a report, or an argument of another message, which Text
// renders in that message's language. As an error it reads English.
type Msg struct {
	Key  Key
	Args []any
}

// Says returns the message of key with args.
func Says(key Key, args ...any) Msg { return Msg{Key: key, Args: args} }

// In is the message in lang.
func (m Msg) In(lang string) string { return Text(lang, m.Key, m.Args...) }

// Error implements error, in English.
func (m Msg) Error() string { return m.In("en") }

// Has reports whether the catalog holds key.
func Has(key Key) bool {
	_, ok := catalog[key]
	return ok
}

func pick(t [2]string, lang string) string {
	if lang == "zh" {
		return t[1]
	}
	return t[0]
}
