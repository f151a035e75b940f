package server

import (
	"log/slog"
	"net/http"

	"github.com/gin-gonic/gin"

	"sepportal/claimcharts"
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
}

// Codes the HTTP layer adds to the domain's.
const (
	codeUnsupportedMedia     = "unsupported_media_type"
	codePreconditionRequired = "precondition_required"
	codeMethodNotAllowed     = "method_not_allowed"
)

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
}

// problemType is the URI of a problem type; /problems lists them all.
func problemType(code string) string { return "/problems#" + code }

// abort answers err as problem+json and stops the handler chain. Internal
// errors are logged with the request id; their detail is never shown.
func abort(c *gin.Context, err error) {
	code := claimcharts.ErrorCode(err)
	status, ok := statusOf[code]
	if !ok {
		code, status = claimcharts.EINTERNAL, http.StatusInternalServerError
	}
	p := Problem{Type: problemType(code), Title: localize(c, titles[code]), Status: status, Code: code,
		Detail: claimcharts.ErrorMessage(err), Instance: c.Request.URL.Path, RequestID: requestID(c),
		Errors: claimcharts.ErrorFields(err)}
	if status >= 500 && code != claimcharts.EUNAVAILABLE {
		logger(c).Error("request failed", slog.String("error", err.Error()))
	}
	if status == http.StatusUnauthorized {
		c.Header("WWW-Authenticate", `Bearer realm="sepportal"`)
	}
	writeProblem(c, p)
}

func writeProblem(c *gin.Context, p Problem) {
	c.Header("Content-Type", "application/problem+json; charset=utf-8")
	c.Header("Cache-Control", "no-store")
	c.AbortWithStatusJSON(p.Status, p)
}

// httpError is an error raised by the HTTP layer itself.
func httpError(code, format string, args ...any) error {
	return claimcharts.Errorf(code, format, args...)
}
