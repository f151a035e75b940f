package lists

import (
	"slices"
	"strings"
)

// Column is a column of a kind of list: the one description of it that
// reading (the headers bulk knows), writing (the headers exports write and
// the fields they hold), rejections (the record fields a column sets) and
// the docs (ColumnsDoc) all use.
type Column struct {
	// Name is the field's name: the key of Row.Cells, and of the objects
	// of a JSON Lines list.
	Name string
	// En and Zh are the headers exports write, in English and Chinese; the
	// reader knows them too.
	En, Zh string
	// Also are the other headers the reader knows, space-separated, each as
	// bulk normalises a header: lower case, letters and digits only.
	Also string
	// Multi marks a field of several values, one per line; JSON Lines
	// writes them as an array.
	Multi bool
	// Export marks the fields exports write. A text column of either
	// language ("title") is read but written as its _en and _zh columns.
	Export bool
	// Paths are the record fields, as validation errors name them
	// ("claims", "dates.priority"), that the column sets: a rejection
	// names the column its field came from.
	Paths []string
}

// Headers the reader knows, shared by the kinds that have these columns.
const (
	holderNames    = "holder patentholder patentowner owner owners licensor assignee proprietor rightholder 专利权人 权利人 许可方 专利持有人 持有人 专利所有人"
	familyNames    = "family familycode familyid familyno familynumber patentfamily familyref 族编号 同族编号 专利族 专利族编号 族号 同族号 族"
	standardsNames = "standard standards standardspec 标准 涉及标准 相关标准 标准名称 对应标准"
	refNames       = "illustrativereferences illustrativereference references standardreferences standardsections sections 示例性参考 示例性参考章节 标准章节 对应标准章节 参考章节 说明性参考 示例性标准章节"
	titleNames     = "title name inventiontitle 名称 发明名称 专利名称 标题"
	titleEnNames   = "titleen englishtitle 英文名称 名称英文 英文标题 发明名称英文"
	titleZhNames   = "titlezh chinesetitle 中文名称 名称中文 中文标题 发明名称中文"
)

// Columns shared by the kinds of list.
var (
	holderColumn     = Column{Name: "holder", En: "Holder", Zh: "专利权人", Also: holderNames, Export: true, Paths: []string{"holder"}}
	familyColumn     = Column{Name: "family", En: "Family", Zh: "族编号", Also: familyNames, Export: true, Paths: []string{"family", "id"}}
	standardsColumn  = Column{Name: "standards", En: "Standards", Zh: "标准", Also: standardsNames, Multi: true, Export: true, Paths: []string{"standards"}}
	referencesColumn = Column{Name: "references", En: "Illustrative references", Zh: "示例性参考章节", Also: refNames, Multi: true, Export: true, Paths: []string{"citations"}}
	titleColumns     = []Column{
		{Name: "title", En: "Title", Zh: "名称", Also: titleNames, Paths: []string{"title"}},
		{Name: "title_en", En: "Title (EN)", Zh: "英文名称", Also: titleEnNames, Export: true},
		{Name: "title_zh", En: "Title (ZH)", Zh: "中文名称", Also: titleZhNames, Export: true},
	}
)

// columns are the columns of each kind of list, in the order exports
// write them.
var columns = map[Kind][]Column{
	PoolList: join(
		[]Column{familyColumn, holderColumn,
			{Name: "exemplary", En: "Exemplary member", Zh: "代表专利", Export: true,
				Also: "exemplarymember exemplarypatent exemplary representativepatent representativemember examplepatent 代表专利 示例专利 典型专利 代表性专利 代表成员"},
			{Name: "members", En: "Family members", Zh: "同族专利", Multi: true, Export: true, Paths: []string{"number"},
				Also: "familymembers members memberpatents patents patentnumbers patentnumber patentno patentnos publicationnumbers publicationnumber 同族专利 同族成员 同族专利号 专利号 专利列表 公开号 公告号 授权公告号"},
			{Name: "claims", En: "Claims", Zh: "权利要求", Export: true,
				Also: "claims claim essentialclaims relevantclaims claimnumbers 权利要求 必要权利要求 相关权利要求 权利要求项 权利要求编号"},
			standardsColumn, referencesColumn,
			{Name: "effective", En: "Effective date", Zh: "入池日期", Export: true, Paths: []string{"effective"},
				Also: "effectivedate admitted admissiondate dateadmitted date listed 入池日期 生效日期 纳入日期"},
		},
		titleColumns),
	Patents: join(
		[]Column{
			{Name: "number", En: "Patent number", Zh: "专利号", Export: true, Paths: []string{"number"},
				Also: "number patentnumber patentno publicationnumber publicationno grantnumber 专利号 公开号 公告号 授权公告号 公开公告号 专利公开号"},
			{Name: "application", En: "Application number", Zh: "申请号", Export: true, Paths: []string{"application"},
				Also: "applicationnumber applicationno appno 申请号 专利申请号"},
			holderColumn, familyColumn,
			{Name: "type", En: "Type", Zh: "专利类型", Export: true, Paths: []string{"type"}, Also: "type patenttype 类型 专利类型 专利种类"},
		},
		titleColumns,
		[]Column{
			{Name: "abstract", En: "Abstract", Zh: "摘要", Paths: []string{"abstract"}, Also: "abstract summary 摘要"},
			{Name: "abstract_en", En: "Abstract (EN)", Zh: "英文摘要", Export: true, Also: "abstracten englishabstract 英文摘要 摘要英文"},
			{Name: "abstract_zh", En: "Abstract (ZH)", Zh: "中文摘要", Export: true, Also: "abstractzh chineseabstract 中文摘要 摘要中文"},
			{Name: "claims", En: "Claims", Zh: "权利要求书", Paths: []string{"claims"}, Also: "claims claim claimtext 权利要求 权利要求书"},
			{Name: "claims_en", En: "Claims (EN)", Zh: "英文权利要求", Export: true, Also: "claimsen englishclaims 英文权利要求 权利要求英文 权利要求书英文"},
			{Name: "claims_zh", En: "Claims (ZH)", Zh: "中文权利要求", Export: true, Also: "claimszh chineseclaims 中文权利要求 权利要求中文 权利要求书中文"},
			{Name: "priority_date", En: "Priority date", Zh: "优先权日", Export: true, Paths: []string{"dates.priority"}, Also: "prioritydate priority earliestpriority 优先权日 最早优先权日"},
			{Name: "filing_date", En: "Filing date", Zh: "申请日", Export: true, Paths: []string{"dates.filing"}, Also: "filingdate applicationdate filed 申请日"},
			{Name: "grant_date", En: "Grant date", Zh: "授权日", Export: true, Paths: []string{"dates.grant"}, Also: "grantdate issuedate granted 授权日 授权公告日 公告日"},
			{Name: "expiry_date", En: "Expiry date", Zh: "届满日", Export: true, Paths: []string{"dates.expiry"}, Also: "expirydate expirationdate expiry expires 届满日 到期日 失效日 期满日"},
			{Name: "legal_status", En: "Legal status", Zh: "法律状态", Export: true, Paths: []string{"legal_status"}, Also: "legalstatus status 法律状态 状态"},
			standardsColumn, referencesColumn,
			{Name: "evaluation_report", En: "Evaluation report", Zh: "专利权评价报告", Export: true, Paths: []string{"evaluation_report"}, Also: "evaluationreport 专利权评价报告 评价报告"},
		}),
	Charts: {
		{Name: "patent", En: "Patent", Zh: "专利号", Export: true, Paths: []string{"patent"}, Also: "patent patentnumber patentno number 专利号 专利 公开号 公告号"},
		{Name: "claim", En: "Claim", Zh: "权利要求", Export: true, Paths: []string{"claim"}, Also: "claim claimnumber claimno 权利要求 权利要求号 权利要求编号"},
		{Name: "standard", En: "Standard", Zh: "标准", Export: true, Paths: []string{"standard"}, Also: "standard 标准 标准名称"},
		{Name: "revision", En: "Revision", Zh: "修订版", Export: true, Also: "revision rev version 修订版 版本 修订"},
		{Name: "status", En: "Status", Zh: "状态", Export: true, Also: "status revisionstatus 状态"},
		{Name: "note", En: "Note", Zh: "备注", Export: true, Also: "note revisionnote remarks 备注 修订说明"},
		{Name: "element", En: "Element", Zh: "技术特征", Export: true, Paths: []string{"revisions"},
			Also: "element claimelement elementlabel feature 技术特征 特征 要素 技术特征编号 特征编号"},
		{Name: "element_text", En: "Element text", Zh: "技术特征内容", Also: "elementtext text featuretext 技术特征内容 特征内容 技术特征描述"},
		{Name: "element_text_en", En: "Element text (EN)", Zh: "技术特征英文", Export: true, Also: "elementtexten 技术特征英文"},
		{Name: "element_text_zh", En: "Element text (ZH)", Zh: "技术特征中文", Export: true, Also: "elementtextzh 技术特征中文"},
		{Name: "reference", En: "Standard reference", Zh: "标准章节", Export: true,
			Also: "reference standardreference section standardsection ref 标准章节 对应章节 标准条款 对应标准章节"},
		{Name: "quote", En: "Quote", Zh: "标准原文", Export: true, Also: "quote standardtext quotation 标准原文 引文 标准内容"},
		{Name: "explanation", En: "Explanation", Zh: "对应说明", Also: "explanation comment analysis 说明 对应说明 解释 对照说明"},
		{Name: "explanation_en", En: "Explanation (EN)", Zh: "对应说明英文", Export: true, Also: "explanationen 说明英文 对应说明英文"},
		{Name: "explanation_zh", En: "Explanation (ZH)", Zh: "对应说明中文", Export: true, Also: "explanationzh 说明中文 对应说明中文"},
	},
}

func join(parts ...[]Column) []Column {
	var out []Column
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

// Columns returns the columns of a kind of list, in the order exports
// write them.
func Columns(kind Kind) []Column { return columns[kind] }

// ColumnOf returns the column of a kind of list named field.
func ColumnOf(kind Kind, field string) (Column, bool) {
	for _, c := range columns[kind] {
		if c.Name == field {
			return c, true
		}
	}
	return Column{}, false
}

// Header is the column's header as exports write it in lang ("zh" for
// Chinese, English otherwise).
func (c Column) Header(lang string) string {
	if lang == "zh" {
		return c.Zh
	}
	return c.En
}

// columnOfPath returns the column of kind that sets a record field path
// ("claims[2].text", "dates.priority"), "" if none does: the path itself,
// then its part before the first '[', then before the first '.'.
func columnOfPath(kind Kind, path string) string {
	for _, p := range []string{path, strings.SplitN(path, "[", 2)[0], strings.SplitN(path, ".", 2)[0]} {
		for _, c := range columns[kind] {
			if slices.Contains(c.Paths, p) {
				return c.Name
			}
		}
	}
	return ""
}

// ColumnsDoc describes the columns of a kind of list as the README's table
// of lists does: each column a file may have, as "English / 中文" headers.
func ColumnsDoc(kind Kind) string {
	var parts []string
	for _, c := range columns[kind] {
		parts = append(parts, c.En+" / "+c.Zh)
	}
	return strings.Join(parts, ", ")
}
