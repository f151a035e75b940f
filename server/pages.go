package server

import (
	"fmt"
	"html/template"
	"net/http"
	"slices"

	"github.com/gin-gonic/gin"

	"sepportal/claimcharts"
	"sepportal/static"
)

// pageText is the fixed text of the pages, in both languages.
type pageText struct {
	Heading, Intro, Pools, Standards, List, Record, NoPools, Demo, APIDocs, Footer string
	ProblemsIntro, Meaning                                                         string
	Field, Reason, RequestID, Home                                                 string
}

var pageTexts = map[string]pageText{
	"en": {
		Heading:       "Standard-essential patent pools",
		Intro:         "The public register of the pools' patent lists, the claim charts mapping each claim element to the standard, and the essentiality review results behind each admission.",
		Pools:         "Pools",
		Standards:     "Standards",
		List:          "Patent list (API)",
		Record:        "Pool record (API)",
		NoPools:       "No pool has been published yet.",
		Demo:          "fictitious demo data",
		APIDocs:       "API documentation",
		Footer:        "SEP Portal publishes pool lists, claim charts and essentiality review results. Data marked as demo data is fictitious.",
		ProblemsIntro: "The API answers errors as RFC 9457 problem documents (application/problem+json). Their type links here; the code says what went wrong, the errors list names each field.",
		Meaning:       "Meaning",
		Field:         "Field",
		Reason:        "Reason",
		RequestID:     "Request id:",
		Home:          "Back to the home page",
	},
	"zh": {
		Heading:       "标准必要专利池",
		Intro:         "公开登记各专利池的入池专利清单、将每个权利要求技术特征对应到标准章节的权利要求对照表，以及每项入池决定所依据的必要性审查结果。",
		Pools:         "专利池",
		Standards:     "标准",
		List:          "入池专利清单（API）",
		Record:        "专利池记录（API）",
		NoPools:       "尚无已公布的专利池。",
		Demo:          "虚构演示数据",
		APIDocs:       "API 文档",
		Footer:        "SEP Portal 公布专利池清单、权利要求对照表与必要性审查结果。标注为演示数据的内容均为虚构。",
		ProblemsIntro: "API 以 RFC 9457 问题文档（application/problem+json）返回错误。其 type 链接到本页；code 说明出错原因，errors 列表指明每个有误的字段。",
		Meaning:       "含义",
		Field:         "字段",
		Reason:        "原因",
		RequestID:     "请求编号：",
		Home:          "返回首页",
	},
}

// pageTemplates holds one template per view: the layout plus the view's file.
var pageTemplates = parsePages("home.html", "problems.html", "error.html")

func parsePages(views ...string) map[string]*template.Template {
	out := make(map[string]*template.Template, len(views))
	for _, v := range views {
		out[v] = template.Must(template.ParseFS(static.Templates, "templates/layout.html", "templates/"+v))
	}
	return out
}

// language is a link to the page in the other language.
type language struct{ Lang, Name, Href string }

// page is what every page template gets.
type page struct {
	Lang, Title string
	T           pageText
	Other       language
	Pools       []poolCard
	Problems    []problemRow
	// Problem is what went wrong, on the error page.
	Problem *Problem
}

// problemRow is one problem type on the /problems page.
type problemRow struct {
	Code, Title string
	Status      int
}

// poolCard is a pool as the home page shows it.
type poolCard struct {
	Slug, Name, Description string
	Standards               []string
	Demo                    bool
}

func newPage(c *gin.Context, title [2]string) page {
	l := lang(c)
	other := language{Lang: "zh", Name: "中文", Href: "?lang=zh"}
	if l == "zh" {
		other = language{Lang: "en", Name: "English", Href: "?lang=en"}
	}
	return page{Lang: l, Title: localize(c, title), T: pageTexts[l], Other: other}
}

// home is the front page: the published pools.
func (s *Server) home(c *gin.Context) {
	pools, _, err := s.registry.Pools(c.Request.Context(), claimcharts.Actor{}, claimcharts.ListOptions{Limit: claimcharts.MaxLimit})
	if err != nil {
		abort(c, err)
		return
	}
	p := newPage(c, [2]string{"Standard-essential patent pools", "标准必要专利池"})
	for _, pool := range pools {
		p.Pools = append(p.Pools, poolCard{Slug: pool.Slug, Name: pool.Name.In(p.Lang), Description: pool.Description.In(p.Lang),
			Standards: pool.Standards, Demo: pool.Demo})
	}
	render(c, http.StatusOK, "home.html", p)
}

// render executes a page template into the response with status.
func render(c *gin.Context, status int, name string, p page) {
	t, ok := pageTemplates[name]
	if !ok {
		abort(c, claimcharts.Internal(fmt.Errorf("no page template %q", name)))
		return
	}
	c.Header("Content-Type", "text/html; charset=utf-8")
	c.Header("Content-Language", p.Lang)
	c.Status(status)
	if err := t.ExecuteTemplate(c.Writer, "layout", p); err != nil {
		logger(c).Error("render page", "page", name, "error", err.Error())
	}
}

// problems lists the problem types the API answers with; problem documents
// link here by their type.
func (s *Server) problems(c *gin.Context) {
	p := newPage(c, [2]string{"Problem types", "错误类型"})
	for code, status := range statusOf {
		p.Problems = append(p.Problems, problemRow{Code: code, Status: status, Title: localize(c, titles[code])})
	}
	slices.SortFunc(p.Problems, func(a, b problemRow) int { return a.Status - b.Status })
	render(c, http.StatusOK, "problems.html", p)
}
