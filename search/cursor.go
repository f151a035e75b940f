package search

import (
	"encoding/base64"
	"encoding/json"
	"strconv"

	"github.com/blevesearch/bleve/v2"

	"sepportal/claimcharts"
	"sepportal/claimcharts/msg"
)

// Pages of a search. Sorted by number or date, a cursor holds the sort
// values of the last hit and the next page starts after them, however
// deep: a pool's list of 30,000 patents pages to its end. Sorted by
// relevance, a cursor holds an offset, through the first MaxOffset hits;
// narrow the query to see others.

// MaxOffset is how deep relevance-sorted pages go.
const MaxOffset = 10000

// Cursor kinds: the first byte of a decoded cursor.
const (
	cursorOffset = 'o'
	cursorAfter  = 'a'
)

// nextCursor returns the cursor of the page after res, nil on the last.
func nextCursor(sreq *bleve.SearchRequest, res *bleve.SearchResult) *string {
	n := len(res.Hits)
	if n == 0 || n < sreq.Size {
		return nil
	}
	var raw []byte
	if sortsByScore(sreq) {
		end := sreq.From + n
		if uint64(end) >= res.Total || end > MaxOffset {
			return nil
		}
		raw = strconv.AppendInt([]byte{cursorOffset}, int64(end), 10)
	} else {
		values, _ := json.Marshal(res.Hits[n-1].Sort)
		raw = append([]byte{cursorAfter}, values...)
	}
	s := base64.RawURLEncoding.EncodeToString(raw)
	return &s
}

// applyCursor sets where sreq's page starts.
func applyCursor(sreq *bleve.SearchRequest, cursor string, sortBy []string) error {
	if cursor == "" {
		return nil
	}
	bad := claimcharts.Says(claimcharts.EINVALID, msg.BadParam, "cursor").With(claimcharts.Because("cursor", msg.CursorSameQuery))
	raw, err := base64.RawURLEncoding.DecodeString(cursor)
	if err != nil || len(raw) < 2 {
		return bad
	}
	switch {
	case raw[0] == cursorOffset && sortsByScore(sreq):
		n, err := strconv.Atoi(string(raw[1:]))
		if err != nil || n < 0 || n > MaxOffset {
			return bad
		}
		sreq.From = n
	case raw[0] == cursorAfter && !sortsByScore(sreq):
		var after []string
		if json.Unmarshal(raw[1:], &after) != nil || len(after) != len(sortBy) {
			return bad
		}
		sreq.SearchAfter = after
	default:
		return bad
	}
	return nil
}

// sortsByScore reports whether sreq is sorted by relevance.
func sortsByScore(sreq *bleve.SearchRequest) bool {
	return len(sreq.Sort) > 0 && sreq.Sort[0].RequiresScoring()
}
