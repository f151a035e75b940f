package bulk

import (
	"strings"
	"unicode"

	"sepportal/claimcharts/lists"
)

// headerNames are the headers an export writes for each field, in English
// and Chinese. Every one of them is also a synonym the reader knows.
var headerNames = map[string][2]string{
	// pool lists
	"family": {"Family", "族编号"}, "holder": {"Holder", "专利权人"}, "exemplary": {"Exemplary member", "代表专利"},
	"members": {"Family members", "同族专利"}, "standards": {"Standards", "标准"},
	"references": {"Illustrative references", "示例性参考章节"}, "effective": {"Effective date", "入池日期"},
	"title": {"Title", "名称"}, "title_en": {"Title (EN)", "英文名称"}, "title_zh": {"Title (ZH)", "中文名称"},
	// patents
	"number": {"Patent number", "专利号"}, "application": {"Application number", "申请号"}, "type": {"Type", "专利类型"},
	"abstract": {"Abstract", "摘要"}, "abstract_en": {"Abstract (EN)", "英文摘要"}, "abstract_zh": {"Abstract (ZH)", "中文摘要"},
	"claims_en": {"Claims (EN)", "英文权利要求"}, "claims_zh": {"Claims (ZH)", "中文权利要求"},
	"priority_date": {"Priority date", "优先权日"}, "filing_date": {"Filing date", "申请日"}, "grant_date": {"Grant date", "授权日"},
	"expiry_date": {"Expiry date", "届满日"}, "legal_status": {"Legal status", "法律状态"}, "evaluation_report": {"Evaluation report", "专利权评价报告"},
	// charts
	"patent": {"Patent", "专利号"}, "claim": {"Claim", "权利要求"}, "standard": {"Standard", "标准"}, "revision": {"Revision", "修订版"},
	"status": {"Status", "状态"}, "note": {"Note", "备注"}, "element": {"Element", "技术特征"}, "element_text": {"Element text", "技术特征内容"},
	"element_text_en": {"Element text (EN)", "技术特征英文"}, "element_text_zh": {"Element text (ZH)", "技术特征中文"},
	"reference": {"Standard reference", "标准章节"}, "quote": {"Quote", "标准原文"}, "explanation": {"Explanation", "对应说明"},
	"explanation_en": {"Explanation (EN)", "对应说明英文"}, "explanation_zh": {"Explanation (ZH)", "对应说明中文"},
}

// claimsHeader is the header of the claims field, which differs by kind.
var claimsHeader = map[lists.Kind][2]string{
	lists.PoolList: {"Claims", "权利要求"}, lists.Patents: {"Claims", "权利要求书"},
}

// Header is the header an export writes for a field of a kind of list, in
// lang ("zh" for Chinese, English otherwise).
func Header(kind lists.Kind, field, lang string) string {
	names, ok := headerNames[field]
	if field == "claims" {
		names, ok = claimsHeader[kind]
	}
	if !ok {
		return field
	}
	if lang == "zh" {
		return names[1]
	}
	return names[0]
}

// Synonyms the reader knows, by kind, as normHeader writes them. Each
// kind's export headers, in both languages, and its field names are added.
var (
	holderNames    = "holder patentholder patentowner owner owners licensor assignee proprietor rightholder 专利权人 权利人 许可方 专利持有人 持有人 专利所有人"
	familyNames    = "family familycode familyid familyno familynumber patentfamily familyref 族编号 同族编号 专利族 专利族编号 族号 同族号 族"
	standardsNames = "standard standards standardspec 标准 涉及标准 相关标准 标准名称 对应标准"
	refNames       = "illustrativereferences illustrativereference references standardreferences standardsections sections 示例性参考 示例性参考章节 标准章节 对应标准章节 参考章节 说明性参考 示例性标准章节"
	titleNames     = "title name inventiontitle 名称 发明名称 专利名称 标题"
	titleEnNames   = "titleen englishtitle 英文名称 名称英文 英文标题 发明名称英文"
	titleZhNames   = "titlezh chinesetitle 中文名称 名称中文 中文标题 发明名称中文"
)

var synonyms = map[lists.Kind]map[string]string{
	lists.PoolList: words(map[string]string{
		"family": familyNames, "holder": holderNames,
		"exemplary": "exemplarymember exemplarypatent exemplary representativepatent representativemember examplepatent 代表专利 示例专利 典型专利 代表性专利 代表成员",
		"members":   "familymembers members memberpatents patents patentnumbers patentnumber patentno patentnos publicationnumbers publicationnumber 同族专利 同族成员 同族专利号 专利号 专利列表 公开号 公告号 授权公告号",
		"claims":    "claims claim essentialclaims relevantclaims claimnumbers 权利要求 必要权利要求 相关权利要求 权利要求项 权利要求编号",
		"standards": standardsNames, "references": refNames,
		"effective": "effectivedate admitted admissiondate dateadmitted date listed 入池日期 生效日期 纳入日期",
		"title":     titleNames, "title_en": titleEnNames, "title_zh": titleZhNames,
	}),
	lists.Patents: words(map[string]string{
		"number":      "number patentnumber patentno publicationnumber publicationno grantnumber 专利号 公开号 公告号 授权公告号 公开公告号 专利公开号",
		"application": "applicationnumber applicationno appno 申请号 专利申请号", "holder": holderNames, "family": familyNames,
		"type":  "type patenttype 类型 专利类型 专利种类",
		"title": titleNames, "title_en": titleEnNames, "title_zh": titleZhNames,
		"abstract": "abstract summary 摘要", "abstract_en": "abstracten englishabstract 英文摘要 摘要英文", "abstract_zh": "abstractzh chineseabstract 中文摘要 摘要中文",
		"claims": "claims claim claimtext 权利要求 权利要求书", "claims_en": "claimsen englishclaims 英文权利要求 权利要求英文 权利要求书英文",
		"claims_zh":     "claimszh chineseclaims 中文权利要求 权利要求中文 权利要求书中文",
		"priority_date": "prioritydate priority earliestpriority 优先权日 最早优先权日", "filing_date": "filingdate applicationdate filed 申请日",
		"grant_date": "grantdate issuedate granted 授权日 授权公告日 公告日", "expiry_date": "expirydate expirationdate expiry expires 届满日 到期日 失效日 期满日",
		"legal_status": "legalstatus status 法律状态 状态", "standards": standardsNames, "references": refNames,
		"evaluation_report": "evaluationreport 专利权评价报告 评价报告",
	}),
	lists.Charts: words(map[string]string{
		"patent": "patent patentnumber patentno number 专利号 专利 公开号 公告号", "claim": "claim claimnumber claimno 权利要求 权利要求号 权利要求编号",
		"standard": "standard 标准 标准名称", "revision": "revision rev version 修订版 版本 修订", "status": "status revisionstatus 状态",
		"note": "note revisionnote remarks 备注 修订说明", "element": "element claimelement elementlabel feature 技术特征 特征 要素 技术特征编号 特征编号",
		"element_text": "elementtext text featuretext 技术特征内容 特征内容 技术特征描述", "element_text_en": "elementtexten 技术特征英文",
		"element_text_zh": "elementtextzh 技术特征中文", "reference": "reference standardreference section standardsection ref 标准章节 对应章节 标准条款 对应标准章节",
		"quote": "quote standardtext quotation 标准原文 引文 标准内容", "explanation": "explanation comment analysis 说明 对应说明 解释 对照说明",
		"explanation_en": "explanationen 说明英文 对应说明英文", "explanation_zh": "explanationzh 说明中文 对应说明中文",
	}),
}

func init() {
	for kind, dict := range synonyms {
		for _, f := range lists.Columns(kind) {
			dict[normHeader(f.Name)] = f.Name
			for _, lang := range []string{"en", "zh"} {
				dict[normHeader(Header(kind, f.Name, lang))] = f.Name
			}
		}
	}
}

// words turns field → space-separated synonyms into synonym → field.
func words(m map[string]string) map[string]string {
	out := map[string]string{}
	for field, ws := range m {
		for _, w := range strings.Fields(ws) {
			out[w] = field
		}
	}
	return out
}

// normHeader reduces a header to lower-case letters and digits, with
// full-width forms folded: "Standard(s)" and "STANDARDS" are "standards",
// "Family No." is "familyno", "名称（英文）" is "名称英文".
func normHeader(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= 0xFF01 && r <= 0xFF5E {
			r -= 0xFEE0
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// fieldOf returns the field a header names in a kind of list, "" if none.
func fieldOf(kind lists.Kind, header string) string {
	return synonyms[kind][normHeader(header)]
}

// signature reports whether the fields a header row maps to are enough
// for a kind of list.
func signature(kind lists.Kind, has map[string]bool) bool {
	switch kind {
	case lists.PoolList:
		return has["holder"] && (has["members"] || has["exemplary"])
	case lists.Patents:
		return has["number"]
	case lists.Charts:
		return has["patent"] && has["claim"] && has["element"]
	}
	return false
}

// detectOrder is the order kinds are tried in when the caller names none:
// charts have the most telling columns, and a pool list is told apart
// from a patents list by its caller naming the pool.
var detectOrder = []lists.Kind{lists.Charts, lists.Patents, lists.PoolList}

// headerMap is a header row mapped to fields.
type headerMap struct {
	kind    lists.Kind
	fields  []string          // by column, "" for an ignored column
	columns map[string]string // field → header as written (the first, for a field of several columns)
	ignored []string
}

// matchHeader maps a row to the fields of kind (or of the first kind it
// fits, when kind is ""), and reports whether it is a header row.
func matchHeader(cells []string, kind lists.Kind) (headerMap, bool) {
	kinds := detectOrder
	if kind != "" {
		kinds = []lists.Kind{kind}
	}
	for _, k := range kinds {
		h := headerMap{kind: k, fields: make([]string, len(cells)), columns: map[string]string{}}
		has := map[string]bool{}
		for i, c := range cells {
			f := fieldOf(k, c)
			if f == "" {
				if strings.TrimSpace(c) != "" {
					h.ignored = append(h.ignored, strings.TrimSpace(c))
				}
				continue
			}
			if has[f] && !multi(k, f) {
				h.ignored = append(h.ignored, strings.TrimSpace(c)+" (column "+h.columns[f]+" comes first)")
				continue
			}
			h.fields[i] = f
			if !has[f] {
				h.columns[f] = strings.TrimSpace(c)
			}
			has[f] = true
		}
		if signature(k, has) {
			return h, true
		}
	}
	return headerMap{}, false
}

// multi reports whether a field of kind holds several values (several
// columns of it are joined).
func multi(kind lists.Kind, field string) bool {
	for _, f := range lists.Columns(kind) {
		if f.Name == field {
			return f.Multi
		}
	}
	return false
}
