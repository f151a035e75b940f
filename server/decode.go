package server

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
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
		return httpError(codeUnsupportedMedia, "send the body as application/json, not %q", c.GetHeader("Content-Type"))
	}
	body, err := io.ReadAll(c.Request.Body)
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		return httpError(claimcharts.ETOOLARGE, "the request body is larger than the limit of %d bytes", tooLarge.Limit)
	}
	if err != nil {
		return httpError(claimcharts.EINVALID, "the request body could not be read")
	}
	return decodeJSON(body, v)
}

// decodeJSON decodes one strict JSON value, turning decoder errors into
// field errors.
func decodeJSON(body []byte, v any) error {
	if len(bytes.TrimSpace(body)) == 0 {
		return claimcharts.Invalid("the request body is empty; send a JSON object")
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return jsonError(err, body)
	}
	if dec.More() {
		return claimcharts.Invalid("the request body holds more than one JSON value")
	}
	if _, err := dec.Token(); err != io.EOF {
		return claimcharts.Invalid("the request body has data after the JSON value")
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
		return claimcharts.Invalid(fmt.Sprintf("malformed JSON at line %d, column %d: %s", line, col, strings.TrimPrefix(syntax.Error(), "json: ")))
	case errors.As(err, &typ):
		path := typ.Field
		if path == "" {
			path = "(body)"
		}
		return claimcharts.Invalid("a field has the wrong type",
			claimcharts.FieldError{Path: path, Reason: "must be " + jsonType(typ.Type.Kind().String()) + ", got " + typ.Value})
	case errors.Is(err, io.ErrUnexpectedEOF):
		return claimcharts.Invalid("the JSON body ends too early")
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		name := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		return claimcharts.Invalid("the body has a field this operation does not take", claimcharts.Because(name, msg.UnknownField))
	}
	return claimcharts.Invalid("the JSON body cannot be read: " + strings.TrimPrefix(err.Error(), "json: "))
}

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
		return 0, claimcharts.Invalid("If-Match must be an ETag this API returned, such as \"3\"",
			claimcharts.FieldError{Path: "If-Match", Reason: "cannot read " + strconv.Quote(h)})
	}
	return rev, nil
}

// requireIfMatch is ifMatch for replacing writes, which must say which
// revision they replace.
func requireIfMatch(c *gin.Context) (int64, error) {
	rev, err := ifMatch(c)
	if err == nil && rev == 0 {
		err = httpError(codePreconditionRequired, "send If-Match with the ETag of the revision you are replacing (GET it first)")
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
			return opts, claimcharts.Says(claimcharts.EINVALID, msg.UnknownParam).With(claimcharts.FieldError{Path: name,
				Reason: "not a filter of this list; use one of: " + strings.Join(append([]string{"cursor", "limit"}, filters...), ", ")})
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
			return opts, claimcharts.Invalid("bad limit", claimcharts.FieldError{Path: "limit", Reason: fmt.Sprintf("must be a whole number from 1 to %d", claimcharts.MaxLimit)})
		}
		opts.Limit = n
	}
	if cur := c.Query("cursor"); cur != "" {
		after, err := base64.RawURLEncoding.DecodeString(cur)
		if err != nil || len(after) == 0 {
			return opts, claimcharts.Invalid("bad cursor", claimcharts.FieldError{Path: "cursor", Reason: "use the next value of the previous page"})
		}
		opts.After = string(after)
	}
	return opts, nil
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
