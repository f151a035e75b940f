package server

import (
	"context"
	"html"
	"maps"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// browserAccept is what a browser sends when it navigates to a page.
const browserAccept = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"

// TestBrowserGetsAnErrorPage: a browser asking for a page that does not
// exist reads an HTML page in its language, curl reads problem+json, and
// both carry the same status, detail and request id.
func TestBrowserGetsAnErrorPage(t *testing.T) {
	e := newTestEnv(t)
	for _, path := range []string{"/pools/x", "/patents/US10285091", "/assets/missing.css", "/api/v1/pools/none"} {
		t.Run(path, func(t *testing.T) {
			page := e.must(http.StatusNotFound, req{method: "GET", path: path, header: map[string]string{
				"Accept": browserAccept, "Accept-Language": "zh-CN,zh;q=0.9,en;q=0.8", "X-Request-Id": "req-page-1"}})
			if ct := page.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
				t.Fatalf("a browser gets %q, want text/html: %s", ct, page.Body)
			}
			curl := e.must(http.StatusNotFound, req{method: "GET", path: path, header: map[string]string{
				"Accept": "*/*", "Accept-Language": "zh-CN,zh;q=0.9,en;q=0.8", "X-Request-Id": "req-page-1"}})
			p := curl.Problem(t)
			body := html.UnescapeString(string(page.Body))
			for _, want := range []string{`<html lang="zh-CN">`, p.Title, "未找到", p.Detail, "req-page-1", `href="/?lang=zh"`, "返回首页", "404"} {
				if !strings.Contains(body, want) {
					t.Errorf("the page lacks %q:\n%s", want, body)
				}
			}
			if p.RequestID != "req-page-1" || p.Status != http.StatusNotFound {
				t.Errorf("the problem is %+v", p)
			}
			if strings.Contains(body, `"status"`) {
				t.Errorf("the page shows raw JSON:\n%s", body)
			}
		})
	}
}

// TestErrorPageNamesFields: the HTML page lists the fields a problem
// names, as the problem does.
func TestErrorPageNamesFields(t *testing.T) {
	e := newTestEnv(t)
	page := e.must(http.StatusBadRequest, req{method: "GET", path: "/api/v1/pools?limit=0", header: map[string]string{"Accept": browserAccept}})
	body := html.UnescapeString(string(page.Body))
	if !strings.Contains(body, "<code>limit</code>") || !strings.Contains(body, "must be a whole number from 1 to") {
		t.Errorf("the page does not name the field limit:\n%s", body)
	}
	if !strings.Contains(body, `<html lang="en">`) {
		t.Errorf("a browser without Accept-Language reads English:\n%s", body)
	}
}

// TestPrefersHTML: only a caller that ranks HTML above JSON gets the page.
func TestPrefersHTML(t *testing.T) {
	for _, tc := range []struct {
		accept string
		want   bool
	}{
		{"", false},
		{"*/*", false},
		{"application/json", false},
		{"application/problem+json", false},
		{browserAccept, true},
		{"text/html", true},
		{"text/*", true},
		{"text/html;q=0.5, application/json", false},
		{"application/json;q=0.5, text/html", true},
		{"text/html;q=0, */*", false},
		{"image/avif,image/webp,*/*;q=0.8", false},
		{"text/html;q=nonsense", true},
		{"???", false},
	} {
		if got := prefersHTML(tc.accept); got != tc.want {
			t.Errorf("prefersHTML(%q) = %v, want %v", tc.accept, got, tc.want)
		}
	}
}

// TestSearchPastItsDeadline: a search that runs out of time is the
// server's trouble, not the caller's: 503 with Retry-After, not 400. The
// request's deadline has passed before it is served, so the search cannot
// finish in time however fast the machine is.
func TestSearchPastItsDeadline(t *testing.T) {
	e := newSearchEnv(t)
	ctx, cancel := context.WithDeadline(context.Background(), time.Unix(0, 0))
	defer cancel()
	r := httptest.NewRequestWithContext(ctx, "GET", "/api/v1/search?q=prediction", nil)
	w := httptest.NewRecorder()
	e.srv.ServeHTTP(w, r)
	resp := response{Status: w.Code, Header: w.Header(), Body: w.Body.Bytes()}
	if resp.Status != http.StatusServiceUnavailable {
		t.Fatalf("status %d, want 503: %s", resp.Status, resp.Body)
	}
	if resp.Header.Get("Retry-After") == "" {
		t.Error("a 503 without Retry-After")
	}
	if p := resp.Problem(t); p.Code != "unavailable" || !strings.Contains(p.Detail, "too long") {
		t.Errorf("the problem is %+v", p)
	}
}

// TestMessagesInTheCallersLanguage: the common refusals, not found and
// field reasons read in Chinese for a Chinese caller, and as they always
// have in English for everyone else, as problem+json and on the page.
func TestMessagesInTheCallersLanguage(t *testing.T) {
	e := newTestEnv(t)
	zh := map[string]string{"Accept-Language": "zh-CN,zh;q=0.9"}
	en := map[string]string{"Accept-Language": "en-US,en;q=0.9"}
	body := poolBody("bad-pool", "bogus")
	delete(body, "name")
	cases := []struct {
		name       string
		r          func(header map[string]string) req
		status     int
		path       string // a field named in the problem, "" for none
		zh, en     string // in the detail, or in the reason of path
		htmlAsWell bool
	}{
		{"not found", func(h map[string]string) req { return req{method: "GET", path: "/api/v1/pools/none", header: h} },
			http.StatusNotFound, "", `专利池 "none" 不存在`, `no pool "none"`, true},
		{"no page", func(h map[string]string) req { return req{method: "GET", path: "/nothing/x", header: h} },
			http.StatusNotFound, "", "/nothing/x 处没有内容", "there is nothing at /nothing/x", true},
		{"no pool page", func(h map[string]string) req { return req{method: "GET", path: "/pools/x", header: h} },
			http.StatusNotFound, "", `专利池 "x" 不存在`, `no pool "x"`, true},
		{"conflict", func(h map[string]string) req {
			return req{method: "POST", path: "/api/v1/pools", token: e.admin, body: poolBody("pub", "published"), header: h}
		}, http.StatusConflict, "", `专利池 "pub" 已存在`, `pool "pub" exists already`, true},
		{"unknown parameter", func(h map[string]string) req { return req{method: "GET", path: "/api/v1/pools?colour=red", header: h} },
			http.StatusBadRequest, "", "未知的查询参数", "unknown query parameter", true},
		{"required", func(h map[string]string) req {
			return req{method: "POST", path: "/api/v1/pools", token: e.admin, body: body, header: h}
		}, http.StatusBadRequest, "name", "需要中文或英文文本", "needs a Chinese or an English text", false},
		{"one of", func(h map[string]string) req {
			return req{method: "POST", path: "/api/v1/pools", token: e.admin, body: body, header: h}
		}, http.StatusBadRequest, "status", "必须是以下之一：", "must be one of: ", false},
		// The refusals of a role, and of a caller without a token, name the
		// action in the caller's language.
		{"forbidden", func(h map[string]string) req {
			return req{method: "POST", path: "/api/v1/pools", token: e.reviewer, body: poolBody("new", "draft"), header: h}
		}, http.StatusForbidden, "", "审查专家令牌无权创建专利池", "a reviewer token may not create pools", true},
		{"forbidden to a licensor", func(h map[string]string) req {
			return req{method: "GET", path: "/api/v1/webhooks", token: e.licensor, header: h}
		}, http.StatusForbidden, "", "许可人令牌无权查看 Webhook", "a licensor token may not list webhooks", false},
		{"anonymous write", func(h map[string]string) req {
			return req{method: "POST", path: "/api/v1/pools", body: poolBody("new", "draft"), header: h}
		}, http.StatusUnauthorized, "", "请先用 API 令牌登录", "sign in with an API token", false},
		// What the HTTP layer says of a body, a header or a parameter.
		{"body ends early", func(h map[string]string) req {
			return req{method: "POST", path: "/api/v1/pools", token: e.admin, body: `{"slug": "x",`, header: h}
		}, http.StatusBadRequest, "", "JSON 请求体提前结束", "the JSON body ends too early", false},
		{"wrong type", func(h map[string]string) req {
			return req{method: "POST", path: "/api/v1/pools", token: e.admin, body: `{"slug": 12}`, header: h}
		}, http.StatusBadRequest, "slug", "必须是字符串，实际为 number", "must be a string, got number", false},
		{"media type", func(h map[string]string) req {
			h = maps.Clone(h)
			h["Content-Type"] = "text/plain"
			return req{method: "POST", path: "/api/v1/pools", token: e.admin, body: `{}`, header: h}
		}, http.StatusUnsupportedMediaType, "", "请求体须以 application/json 发送", "send the body as application/json", false},
		{"not a parameter", func(h map[string]string) req { return req{method: "GET", path: "/api/v1/pools?colour=red", header: h} },
			http.StatusBadRequest, "colour", "此处没有该参数，请使用以下之一：cursor, limit", "not a parameter here; use one of: cursor, limit", false},
		{"bad limit", func(h map[string]string) req { return req{method: "GET", path: "/api/v1/pools?limit=0", header: h} },
			http.StatusBadRequest, "limit", "必须是 1 到", "must be a whole number from 1 to", false},
		{"bad path number", func(h map[string]string) req {
			return req{method: "GET", path: "/api/v1/charts/x/revisions/zero", header: h}
		}, http.StatusBadRequest, "no", `必须是从 1 起的整数，实际为 "zero"`, `must be a whole number from 1, got "zero"`, false},
		{"no import job", func(h map[string]string) req {
			return req{method: "GET", path: "/api/v1/imports/nope", token: e.admin, header: h}
		}, http.StatusNotFound, "", `导入任务 "nope" 不存在`, `no import job "nope"`, false},
		// What the search says of a query, a filter, a sort and a cursor;
		// a number filter's reason nests the number's, in the same language.
		{"search query", func(h map[string]string) req { return req{method: "GET", path: "/api/v1/search?q=%28video", header: h} },
			http.StatusBadRequest, "", "检索式无法读取：括号不成对：第 1 个字符处的 ( 没有闭合", "the search query cannot be read: unbalanced parenthesis: the ( at character 1 is never closed", false},
		{"search filter", func(h map[string]string) req {
			return req{method: "GET", path: "/api/v1/search?q=number:XX3", header: h}
		},
			http.StatusBadRequest, "q", `号码筛选 number:XX3："XX3" 不是有效的专利号：`, `number:XX3: "XX3" is not a valid patent number: `, false},
		{"search sort", func(h map[string]string) req {
			return req{method: "GET", path: "/api/v1/search?q=video&sort=colour", header: h}
		},
			http.StatusBadRequest, "sort", "请使用以下之一：", "use one of ", false},
		{"search cursor", func(h map[string]string) req {
			return req{method: "GET", path: "/api/v1/search?q=video&cursor=zz", header: h}
		},
			http.StatusBadRequest, "cursor", "并保持相同的检索式和排序", "with the same query and sort", false},
	}
	e.withSearch()
	e.must(http.StatusCreated, req{method: "POST", path: "/api/v1/standards", token: e.admin, body: standardBody()})
	e.must(http.StatusCreated, req{method: "POST", path: "/api/v1/pools", token: e.admin, body: poolBody("pub", "published")})
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			for _, l := range []struct {
				header map[string]string
				want   string
			}{{zh, tc.zh}, {en, tc.en}} {
				p := e.must(tc.status, tc.r(l.header)).Problem(t)
				got := p.Detail
				if tc.path != "" {
					got = ""
					for _, f := range p.Errors {
						if f.Path == tc.path {
							got = f.Reason
						}
					}
				}
				if !strings.Contains(got, l.want) {
					t.Errorf("%s: %q, want %q in it (problem %+v)", l.header["Accept-Language"], got, l.want, p)
				}
				if !tc.htmlAsWell {
					continue
				}
				l.header["Accept"] = browserAccept
				page := e.must(tc.status, tc.r(l.header))
				delete(l.header, "Accept")
				if b := html.UnescapeString(string(page.Body)); !strings.Contains(b, l.want) {
					t.Errorf("%s: the page lacks %q:\n%s", l.header["Accept-Language"], l.want, b)
				}
			}
		})
	}
}

// TestImportJobProblemInTheCallersLanguage: a failed import job's problem
// names each rejected row's reason in the language of the caller who
// reads the job.
func TestImportJobProblemInTheCallersLanguage(t *testing.T) {
	e := newTestEnv(t)
	e.must(http.StatusCreated, req{method: "POST", path: "/api/v1/standards", token: e.admin, body: standardBody()})
	e.must(http.StatusCreated, req{method: "POST", path: "/api/v1/pools", token: e.admin, body: poolBody("pub", "published")})
	list := csvList([]string{"族编号", "专利权人", "代表专利"}, []string{"F-1", "", "US 10,285,091 B2"})
	job := e.runImport(importReq(t, e.admin, "list.csv", list, map[string]string{"pool": "pub"}))
	for lang, want := range map[string]string{"zh-CN,zh;q=0.9": "为空：每一行都需要专利权人", "en-US,en;q=0.9": "is empty: every row needs the patent holder"} {
		var read jobBody
		e.must(http.StatusOK, req{method: "GET", path: "/api/v1/imports/" + job.ID, token: e.admin, header: map[string]string{"Accept-Language": lang}}).JSON(t, &read)
		got := ""
		for _, f := range read.Problem.Errors {
			if f.Path == "rows[2].专利权人" {
				got = f.Reason
			}
		}
		if read.State != jobFailed || !strings.Contains(got, want) {
			t.Errorf("%s: %q, want %q in it (job %+v)", lang, got, want, read)
		}
	}
}

// TestImportReportInTheCallersLanguage: the warnings and rejections of an
// import's report — numbers kept as written, references that cannot be
// read, standards the registry lacks, claims kept as text, repeated rows —
// read in the language of the caller who reads the job.
func TestImportReportInTheCallersLanguage(t *testing.T) {
	e := newTestEnv(t)
	e.must(http.StatusCreated, req{method: "POST", path: "/api/v1/standards", token: e.admin, body: standardBody()})
	e.must(http.StatusCreated, req{method: "POST", path: "/api/v1/pools", token: e.admin, body: poolBody("pub", "published")})
	row := []string{"F-1", "acme", "US 10,285,091 B2; JP 06637180", "claims one", "IEEE 802.99-2030", "Secs. 8.5.3.2, ??"}
	list := csvList([]string{"族编号", "专利权人", "同族专利", "权利要求", "标准", "示例性参考章节"}, row, row,
		[]string{"", "acme", "XX1"})
	job := e.runImport(importReq(t, e.admin, "list.csv", list, map[string]string{"pool": "pub"}))
	if job.State != jobDone {
		t.Fatalf("job %+v", job)
	}
	for lang, want := range map[string][]string{
		"zh-CN,zh;q=0.9": {"该专利族按原文保留此号码", "无法识别权利要求编号", "登记库中没有标准", "不是章节、图、表或附录编号", "与第 2 行完全相同", "无法确定专利族", "不是有效的专利号", "是否应为 \"JP 6637180\"？"},
		"en-US,en;q=0.9": {"the family keeps the number as written", "cannot read the claim numbers", "the registry holds no standard", "is not a section, figure, table or annex number", "repeats row 2 exactly", "nothing identifies the family", "is not a valid patent number", "did you mean \"JP 6637180\"?"},
	} {
		var read struct {
			Report struct {
				Rejections []struct{ Reason string } `json:"rejections"`
				Warnings   []struct{ Reason string } `json:"warnings"`
			} `json:"report"`
		}
		e.must(http.StatusOK, req{method: "GET", path: "/api/v1/imports/" + job.ID, token: e.admin, header: map[string]string{"Accept-Language": lang}}).JSON(t, &read)
		var reasons []string
		for _, is := range append(read.Report.Warnings, read.Report.Rejections...) {
			reasons = append(reasons, is.Reason)
		}
		all := strings.Join(reasons, "\n")
		for _, w := range want {
			if !strings.Contains(all, w) {
				t.Errorf("%s: no reason says %q:\n%s", lang, w, all)
			}
		}
	}
}
