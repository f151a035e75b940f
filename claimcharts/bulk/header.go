package bulk

import (
	"strings"
	"unicode"

	"sepportal/claimcharts"
	"sepportal/claimcharts/lists"
)

// Header is the header an export writes for a field of a kind of list, in
// lang ("zh" for Chinese, English otherwise): the column's, from
// lists.Columns.
func Header(kind lists.Kind, field, lang string) string {
	if c, ok := lists.ColumnOf(kind, field); ok {
		return c.Header(lang)
	}
	return field
}

// synonyms are the headers the reader knows, by kind, as normHeader
// writes them: each column's name, its headers in both languages and the
// other headers it is known by (lists.Column.Also).
var synonyms = map[lists.Kind]map[string]string{}

// maxHeaderCell is the longest cell, in bytes, that may name a field:
// three times the longest synonym (full-width letters take three bytes)
// and room for spaces and punctuation. A longer cell is no header, and is
// not reduced by normHeader: the rows searched for the header of every
// sheet of a workbook may hold megabytes of cells.
var maxHeaderCell int

func init() {
	for _, kind := range lists.Kinds {
		dict := map[string]string{}
		for _, c := range lists.Columns(kind) {
			for _, w := range strings.Fields(c.Also) {
				dict[w] = c.Name
			}
		}
		for _, c := range lists.Columns(kind) {
			for _, h := range []string{c.Name, c.En, c.Zh} {
				dict[normHeader(h)] = c.Name
			}
		}
		synonyms[kind] = dict
		for w := range dict {
			maxHeaderCell = max(maxHeaderCell, 3*len(w)+64)
		}
	}
}

// normHeader reduces a header to lower-case letters and digits, with
// full-width forms folded: "Standard(s)" and "STANDARDS" are "standards",
// "Family No." is "familyno", "名称（英文）" is "名称英文".
func normHeader(s string) string {
	var b strings.Builder
	for _, r := range claimcharts.FoldWidth(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// fieldOf returns the field a header names in a kind of list, "" if none.
func fieldOf(kind lists.Kind, header string) string {
	if len(header) > maxHeaderCell {
		return ""
	}
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
	c, _ := lists.ColumnOf(kind, field)
	return c.Multi
}
