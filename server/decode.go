package server

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"sepportal/claimcharts"
	"sepportal/claimcharts/msg"
)

// decode reads the request body as one JSON value into v: the content type
// must be JSON, unknown fields and trailing data are refused, and every
// failure names the field and the reason.
func decode(c *gin.Context, v any) error {
	mt, _, err := mime.ParseMediaType(c.GetHeader("Content-Type"))
	if err != nil || mt != "application/json" && !strings.HasSuffix(mt, "+json") {
		return claimcharts.Says(codeUnsupportedMedia, msg.SendJSON, c.GetHeader("Content-Type"))
	}
	body, err := io.ReadAll(c.Request.Body)
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		return claimcharts.Says(claimcharts.ETOOLARGE, msg.SizeOverLimit, msg.Noun("request body"), tooLarge.Limit)
	}
	if err != nil {
		return claimcharts.Says(claimcharts.EINVALID, msg.BodyUnreadable)
	}
	return decodeJSON(body, v)
}

// decodeJSON decodes one strict JSON value, turning decoder errors into
// field errors.
func decodeJSON(body []byte, v any) error {
	if len(bytes.TrimSpace(body)) == 0 {
		return claimcharts.Says(claimcharts.EINVALID, msg.BodyEmpty)
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return jsonError(err, body)
	}
	if dec.More() {
		return claimcharts.Says(claimcharts.EINVALID, msg.BodyTwoValues)
	}
	if _, err := dec.Token(); err != io.EOF {
		return claimcharts.Says(claimcharts.EINVALID, msg.BodyTrailing)
	}
	return nil
}

// jsonError explains a decoding error with the field it concerns.
func jsonError(err error, body []byte) error {
	var (
		syntax *json.SyntaxError
		typ    *json.UnmarshalTypeError
		domain *claimcharts.Error
	)
	switch {
	case errors.As(err, &domain):
		return domain
	case errors.As(err, &syntax):
		line, col := position(body, syntax.Offset)
		return claimcharts.Says(claimcharts.EINVALID, msg.MalformedJSON, line, col, strings.TrimPrefix(syntax.Error(), "json: "))
	case errors.As(err, &typ):
		path := typ.Field
		if path == "" {
			path = "(body)"
		}
		return claimcharts.Says(claimcharts.EINVALID, msg.WrongType).With(
			claimcharts.Because(path, msg.MustBeGot, msg.Noun(jsonType(typ.Type.Kind().String())), typ.Value))
	case errors.Is(err, io.ErrUnexpectedEOF):
		return claimcharts.Says(claimcharts.EINVALID, msg.JSONEndsEarly)
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		name := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		return claimcharts.Says(claimcharts.EINVALID, msg.FieldNotTaken).With(claimcharts.Because(name, msg.UnknownField))
	}
	return claimcharts.Says(claimcharts.EINVALID, msg.JSONUnreadable, strings.TrimPrefix(err.Error(), "json: "))
}

// jsonType is the JSON type a Go kind decodes from, as a catalog noun.
func jsonType(kind string) string {
	switch kind {
	case "int", "int64", "int32", "uint64", "float64":
		return "a number"
	case "string":
		return "a string"
	case "bool":
		return "true or false"
	case "slice", "array":
		return "an array"
	case "struct", "map":
		return "an object"
	}
	return kind
}

func position(body []byte, offset int64) (line, col int) {
	if offset > int64(len(body)) {
		offset = int64(len(body))
	}
	before := body[:offset]
	line = bytes.Count(before, []byte("\n")) + 1
	col = int(offset) - bytes.LastIndexByte(before, '\n')
	return line, col
}

// ifMatch returns the revision named by If-Match, 0 when absent. A value
// that is not one of our ETags is a bad request.
func ifMatch(c *gin.Context) (int64, error) {
	h := strings.TrimSpace(c.GetHeader("If-Match"))
	if h == "" {
		return 0, nil
	}
	v := strings.Trim(strings.TrimPrefix(h, "W/"), `"`)
	rev, err := strconv.ParseInt(v, 10, 64)
	if err != nil || rev < 1 {
		return 0, claimcharts.Says(claimcharts.EINVALID, msg.IfMatchBad).With(claimcharts.Because("If-Match", msg.CannotRead, h))
	}
	return rev, nil
}

// requireIfMatch is ifMatch for replacing writes, which must say which
// revision they replace.
func requireIfMatch(c *gin.Context) (int64, error) {
	rev, err := ifMatch(c)
	if err == nil && rev == 0 {
		err = claimcharts.Says(codePreconditionRequired, msg.IfMatchNeeded)
	}
	return rev, err
}

// ifMatchRequired is middleware for replacing writes: it refuses a request
// without If-Match before its body is read.
func ifMatchRequired(c *gin.Context) {
	if _, err := requireIfMatch(c); err != nil {
		abort(c, err)
		return
	}
	c.Next()
}

// etag is the ETag of a record revision.
func etag(rev int64) string { return `"` + strconv.FormatInt(rev, 10) + `"` }

// listOptions reads the cursor, limit and the allowed filters of a list.
// Unknown query parameters are refused, so a misspelt filter is never
// silently ignored.
func listOptions(c *gin.Context, filters ...string) (claimcharts.ListOptions, error) {
	opts := claimcharts.ListOptions{Where: map[string]string{}}
	allowed := map[string]bool{"cursor": true, "limit": true, "lang": true}
	for _, f := range filters {
		allowed[f] = true
	}
	for name, vals := range c.Request.URL.Query() {
		if !allowed[name] {
			return opts, unknownParam(name, append([]string{"cursor", "limit"}, filters...))
		}
		if len(vals) > 1 {
			return opts, claimcharts.Says(claimcharts.EINVALID, msg.RepeatedParam).With(claimcharts.Because(name, msg.GiveOnce))
		}
		if name != "cursor" && name != "limit" && name != "lang" {
			opts.Where[name] = vals[0]
		}
	}
	if l := c.Query("limit"); l != "" {
		n, err := strconv.Atoi(l)
		if err != nil || n < 1 || n > claimcharts.MaxLimit {
			return opts, claimcharts.Says(claimcharts.EINVALID, msg.BadLimit).With(claimcharts.Because("limit", msg.WholeFromOne, claimcharts.MaxLimit))
		}
		opts.Limit = n
	}
	if cur := c.Query("cursor"); cur != "" {
		after, err := base64.RawURLEncoding.DecodeString(cur)
		if err != nil || len(after) == 0 {
			return opts, badParam("cursor", msg.UseNextCursor)
		}
		opts.After = string(after)
	}
	return opts, nil
}

// unknownParam is the error of a query parameter name that the request
// does not take, naming those it does (allowed).
func unknownParam(name string, allowed []string) error {
	return claimcharts.Says(claimcharts.EINVALID, msg.UnknownParam).With(claimcharts.Because(name, msg.NotAParam, strings.Join(allowed, ", ")))
}

// badParam is the error of a parameter (query, path, header or form
// field) name whose value cannot be read, with the reason key and args.
func badParam(name string, reason msg.Key, args ...any) error {
	return claimcharts.Says(claimcharts.EINVALID, msg.BadParam, name).With(claimcharts.Because(name, reason, args...))
}

// badChoice is the error (title) of a field whose value got is none of
// choices.
func badChoice(title msg.Key, field, got string, choices ...string) error {
	return claimcharts.Says(claimcharts.EINVALID, title).With(claimcharts.Because(field, msg.OneOf, strings.Join(choices, ", "), got))
}

// listBody is the envelope of every list.
type listBody[T any] struct {
	Items []T     `json:"items"`
	Next  *string `json:"next"`
}

// writeList answers a page of items with the cursor of the next page.
func writeList[T any](c *gin.Context, items []T, next string) {
	body := listBody[T]{Items: items}
	if body.Items == nil {
		body.Items = []T{}
	}
	if next != "" {
		cur := base64.RawURLEncoding.EncodeToString([]byte(next))
		body.Next = &cur
	}
	c.JSON(http.StatusOK, body)
}

// writeRecord answers one record with its ETag.
func writeRecord(c *gin.Context, status int, rev int64, v any) {
	c.Header("ETag", etag(rev))
	c.JSON(status, v)
}
