package server

import (
	"mime"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"
)

// renderProblem answers p as the HTML error page in the caller's language.
func renderProblem(c *gin.Context, p Problem) {
	renderStatus(c, p.Status, "error.html", newView(c, p.Title, &p))
}

// prefersHTML reports whether an Accept value ranks text/html above JSON:
// a browser navigating to a page does, curl (*/*) and API clients do not.
// Each media range's q-value counts, and the most specific range that
// matches a type decides its q-value (RFC 9110 §12.5.1).
func prefersHTML(accept string) bool {
	if accept == "" {
		return false
	}
	ranges := acceptRanges(accept)
	html := acceptQ(ranges, "text/html")
	json := max(acceptQ(ranges, "application/problem+json"), acceptQ(ranges, "application/json"))
	return html > json
}

// acceptRange is one media range of an Accept header with its q-value.
type acceptRange struct {
	typ, sub string
	q        float64
}

// acceptRanges reads the media ranges of an Accept value; a range that
// cannot be read is skipped.
func acceptRanges(accept string) []acceptRange {
	var out []acceptRange
	for _, part := range strings.Split(accept, ",") {
		mt, params, err := mime.ParseMediaType(strings.TrimSpace(part))
		if err != nil {
			continue
		}
		typ, sub, _ := strings.Cut(mt, "/")
		r := acceptRange{typ: typ, sub: sub, q: 1}
		if qs, ok := params["q"]; ok {
			if q, err := strconv.ParseFloat(qs, 64); err == nil && q >= 0 && q <= 1 {
				r.q = q
			}
		}
		out = append(out, r)
	}
	return out
}

// acceptQ is the q-value the ranges give media type mt: that of the most
// specific range matching it, 0 when none does.
func acceptQ(ranges []acceptRange, mt string) float64 {
	typ, sub, _ := strings.Cut(mt, "/")
	best, q := -1, 0.0
	for _, r := range ranges {
		rank := -1
		switch {
		case r.typ == typ && r.sub == sub:
			rank = 2
		case r.typ == typ && r.sub == "*":
			rank = 1
		case r.typ == "*" && r.sub == "*":
			rank = 0
		}
		if rank > best {
			best, q = rank, r.q
		}
	}
	return q
}
