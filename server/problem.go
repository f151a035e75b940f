package server

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"net/http"

	"github.com/gin-gonic/gin"

	"sepportal/claimcharts"
	"sepportal/claimcharts/msg"
)

// statusOf is the one table from domain error code to HTTP status.
var statusOf = map[string]int{
	claimcharts.EINVALID:      http.StatusBadRequest,
	claimcharts.ENOTFOUND:     http.StatusNotFound,
	claimcharts.ECONFLICT:     http.StatusConflict,
	claimcharts.EPRECONDITION: http.StatusPreconditionFailed,
	claimcharts.EUNAUTHORIZED: http.StatusUnauthorized,
	claimcharts.EFORBIDDEN:    http.StatusForbidden,
	claimcharts.ETOOLARGE:     http.StatusRequestEntityTooLarge,
	claimcharts.EUNAVAILABLE:  http.StatusServiceUnavailable,
	claimcharts.EINTERNAL:     http.StatusInternalServerError,
	codeUnsupportedMedia:      http.StatusUnsupportedMediaType,
	codePreconditionRequired:  http.StatusPreconditionRequired,
	codeMethodNotAllowed:      http.StatusMethodNotAllowed,
	codeTooManyRequests:       http.StatusTooManyRequests,
}

// Codes the HTTP layer adds to the domain's.
const (
	codeUnsupportedMedia     = "unsupported_media_type"
	codePreconditionRequired = "precondition_required"
	codeMethodNotAllowed     = "method_not_allowed"
)

// retryAfter is the Retry-After (seconds) of a 503: the index or the store
// is busy or away, and is worth asking again soon.
const retryAfter = "5"

// titles are the problem titles, in English and Chinese.
var titles = map[string][2]string{
	claimcharts.EINVALID:      {"The request is not valid", "请求无效"},
	claimcharts.ENOTFOUND:     {"Not found", "未找到"},
	claimcharts.ECONFLICT:     {"Conflict with the current state", "与当前状态冲突"},
	claimcharts.EPRECONDITION: {"The record has changed", "记录已被修改"},
	claimcharts.EUNAUTHORIZED: {"Authentication required", "需要身份验证"},
	claimcharts.EFORBIDDEN:    {"Not allowed for this role", "当前角色无权执行此操作"},
	claimcharts.ETOOLARGE:     {"The request body is too large", "请求体过大"},
	claimcharts.EUNAVAILABLE:  {"Service unavailable", "服务暂不可用"},
	claimcharts.EINTERNAL:     {"Internal error", "内部错误"},
	codeUnsupportedMedia:      {"Unsupported media type", "不支持的媒体类型"},
	codePreconditionRequired:  {"If-Match required", "需要 If-Match 请求头"},
	codeMethodNotAllowed:      {"Method not allowed", "不允许的请求方法"},
	codeTooManyRequests:       {"Too many requests", "请求过于频繁"},
}

// Problem is an RFC 9457 problem document.
type Problem struct {
	Type      string                   `json:"type"`
	Title     string                   `json:"title"`
	Status    int                      `json:"status"`
	Detail    string                   `json:"detail"`
	Instance  string                   `json:"instance,omitempty"`
	Code      string                   `json:"code"`
	RequestID string                   `json:"request_id,omitempty"`
	Errors    []claimcharts.FieldError `json:"errors,omitempty"`
	// Allowed lists the next steps a record in conflict may still take,
	// when an illegal transition was asked (empty: the record is final).
	Allowed *[]NextStep `json:"allowed,omitempty"`
	// more holds extension members (RFC 9457 §3.2) that one kind of
	// failure adds, such as an import's report; its JSON object's members
	// are written beside the standard ones.
	more any
}

// NextStep is a step a record may still take: its state or action name
// and that name in the caller's language.
type NextStep struct {
	Step  string `json:"step"`
	Label string `json:"label"`
}

// nextSteps is the Allowed member of err's problem, nil when err names none.
func nextSteps(err error, lang string) *[]NextStep {
	next := claimcharts.NextSteps(err)
	if next == nil {
		return nil
	}
	out := make([]NextStep, len(next))
	for i, n := range next {
		out[i] = NextStep{Step: n, Label: msg.Noun(n).In(lang)}
	}
	return &out
}

// problemPart adds to a problem what one kind of failure has to say beyond
// its error, in the caller's language: more field errors, extension members.
type problemPart func(p *Problem, lang string)

// problemType is the URI of a problem type; /problems lists them all.
func problemType(code string) string { return "/problems#" + code }

// abort is the one error writer: it answers err and stops the handler
// chain. A browser (Accept prefers text/html) gets an HTML page in its
// language, everything else RFC 9457 problem+json; both carry the same
// status and facts. Internal errors are logged with the request id; their
// detail is never shown. A 503 says when to retry.
func abort(c *gin.Context, err error, parts ...problemPart) {
	p := problemOf(c, err)
	for _, part := range parts {
		part(&p, lang(c))
	}
	if p.Status >= 500 && p.Code != claimcharts.EUNAVAILABLE {
		logger(c).Error("request failed", slog.String("error", err.Error()))
	}
	switch p.Status {
	case http.StatusUnauthorized:
		c.Header("WWW-Authenticate", `Bearer realm="sepportal"`)
	case http.StatusServiceUnavailable:
		if c.Writer.Header().Get("Retry-After") == "" {
			c.Header("Retry-After", retryAfter)
		}
	}
	c.Header("Cache-Control", "no-store")
	c.Writer.Header().Add("Vary", "Accept, Accept-Language") // beside the wrapper's Accept-Encoding
	if prefersHTML(c.GetHeader("Accept")) {
		renderProblem(c, p)
	} else {
		writeProblem(c, p)
	}
	c.Abort()
}

// problemOf is the problem document of err as the caller reads it.
func problemOf(c *gin.Context, err error) Problem {
	code := claimcharts.ErrorCode(err)
	status, ok := statusOf[code]
	if !ok {
		code, status = claimcharts.EINTERNAL, http.StatusInternalServerError
	}
	detail, fields := claimcharts.ErrorIn(err, lang(c))
	return Problem{Type: problemType(code), Title: localize(c, titles[code]), Status: status, Code: code,
		Detail: detail, Instance: c.Request.URL.Path, RequestID: requestID(c), Errors: fields, Allowed: nextSteps(err, lang(c))}
}

// writeProblem answers p as application/problem+json.
func writeProblem(c *gin.Context, p Problem) {
	body, err := json.Marshal(p)
	if err == nil && p.more != nil {
		var more []byte
		if more, err = json.Marshal(p.more); err == nil && len(more) > 2 && more[0] == '{' {
			body = append(append(bytes.TrimSuffix(body, []byte("}")), ','), more[1:]...)
		}
	}
	if err != nil {
		logger(c).Error("encode problem", slog.String("error", err.Error()))
		body, _ = json.Marshal(Problem{Type: problemType(claimcharts.EINTERNAL), Title: p.Title, Status: p.Status,
			Detail: p.Detail, Code: p.Code, RequestID: p.RequestID})
	}
	c.Data(p.Status, "application/problem+json; charset=utf-8", body)
}
