package search

import (
	"slices"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"sepportal/claimcharts"
	"sepportal/claimcharts/msg"
)

// filterNode is a name:value filter, resolved to an index field.
type filterNode struct {
	name  string // as written, for messages
	field string
	// One of: an exact value, a prefix, a range (from/to inclusive, either
	// may be empty), or a patent number key.
	value    string
	prefix   bool
	ranged   bool
	from, to string
	number   string
}

func (n *filterNode) terms() int { return 1 }

// valueKind says how a filter's value is read.
type valueKind int

const (
	slugValue  valueKind = iota // lower-cased, exact or prefix*
	labelValue                  // as written, exact or prefix*
	enumValue                   // one of a list
	countryValue
	dateValue
	numberValue
)

type filterSpec struct {
	field string
	kind  valueKind
	enum  []string
}

// filters are the names a query may filter on.
var filters = map[string]filterSpec{
	"pool":     {field: fPool, kind: slugValue},
	"standard": {field: fStandard, kind: slugValue},
	"holder":   {field: fHolder, kind: slugValue},
	"family":   {field: fFamily, kind: slugValue},
	"chart":    {field: fChart, kind: slugValue},
	"section":  {field: fSection, kind: labelValue},
	// reference is a standard's reference, "80211ax-2021/27.3.11.4": the
	// patents a pool list cites for it or a chart maps to it.
	"reference": {field: fReference, kind: labelValue},
	"country":   {field: fCountry, kind: countryValue},
	"status":    {field: fStatus, kind: enumValue, enum: []string{"applied", "under_review", "admitted", "removed"}},
	"result":    {field: fResult, kind: enumValue, enum: []string{claimcharts.Essential, claimcharts.NotEssential, claimcharts.Unclear}},
	"type":      {field: fPType, kind: enumValue, enum: []string{"invention", "utility_model", "design"}},
	"legal":     {field: fLegal, kind: enumValue, enum: []string{"pending", "granted", "expired", "lapsed", "revoked", "withdrawn"}},
	"is":        {field: fType, kind: enumValue, enum: []string{TypePatent, TypeElement, TypeReference}},
	"expires":   {field: fExpires, kind: dateValue},
	"granted":   {field: fGranted, kind: dateValue},
	"filed":     {field: fFiled, kind: dateValue},
	"priority":  {field: fPriority, kind: dateValue},
	"number":    {field: fNumbers, kind: numberValue},
}

// filterAliases are other spellings of filter names.
var filterAliases = map[string]string{"expiry": "expires", "grant": "granted", "filing": "filed", "kind": "is"}

// FilterNames lists the filters a query may use, sorted.
func FilterNames() []string {
	names := make([]string, 0, len(filters))
	for n := range filters {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// parseFilter resolves a name:value token.
func parseFilter(t *token) (node, error) {
	name := t.field
	if a, ok := filterAliases[name]; ok {
		name = a
	}
	spec, ok := filters[name]
	if !ok {
		return nil, badQuery(msg.FilterUnknownAt,
			t.field+":", t.pos, strings.Join(FilterNames(), ", "))
	}
	return resolveFilter(name, spec, strings.TrimSpace(t.text), t.pos)
}

// namedFilter reads value as the filter name would in a query; requests
// carry the list endpoints' query parameters this way.
func namedFilter(name, value string) (node, error) {
	spec, ok := filters[name]
	if !ok {
		return nil, claimcharts.Says(claimcharts.EINVALID, msg.FilterUnknown).With(claimcharts.Because(name, msg.NotAFilter, strings.Join(FilterNames(), ", ")))
	}
	n, err := resolveFilter(name, spec, value, 0)
	if err != nil {
		reason := claimcharts.ErrorFields(err)[0]
		reason.Path = name
		return nil, claimcharts.Says(claimcharts.EINVALID, msg.BadParam, name).With(reason)
	}
	return n, nil
}

func resolveFilter(name string, spec filterSpec, v string, pos int) (node, error) {
	n := &filterNode{name: name, field: spec.field}
	if v == "" {
		return nil, badQuery(msg.FilterNoValue, name)
	}
	switch spec.kind {
	case slugValue, labelValue:
		if spec.kind == slugValue {
			v = strings.ToLower(v)
		}
		body, prefix := strings.CutSuffix(v, "*")
		if strings.ContainsRune(body, '*') {
			return nil, badQuery(msg.FilterStarEnd, name, v, pos)
		}
		if prefix && utf8.RuneCountInString(body) < minValuPrefix {
			return nil, badQuery(msg.FilterStarShort, name, v, minValuPrefix)
		}
		n.value, n.prefix = body, prefix
	case enumValue:
		v = strings.ReplaceAll(strings.ToLower(v), "-", "_")
		if !slices.Contains(spec.enum, v) {
			return nil, badQuery(msg.FilterNotValue, name, v, name, strings.Join(spec.enum, ", "))
		}
		n.value = v
	case countryValue:
		v = strings.ToUpper(v)
		if len(v) != 2 || !isFieldName(v) {
			return nil, badQuery(msg.FilterCountry, v)
		}
		n.value = v
	case numberValue:
		num, err := claimcharts.ParseNumber(v)
		if err != nil {
			return nil, badQuery(msg.FilterNumber, v, claimcharts.Said(err))
		}
		n.number = num.Key()
	case dateValue:
		return n, n.parseRange(v)
	}
	return n, nil
}

// parseRange reads a date filter: D, <D, <=D, >D, >=D, D..D, D.., ..D,
// where D is YYYY, YYYY-MM or YYYY-MM-DD.
func (n *filterNode) parseRange(v string) error {
	n.ranged = true
	var err error
	switch {
	case strings.HasPrefix(v, "<="):
		n.to, err = dateBound(n.name, v[2:], true)
	case strings.HasPrefix(v, "<"):
		n.to, err = dateBound(n.name, v[1:], false)
		if err == nil {
			n.to = dayBefore(n.to)
		}
	case strings.HasPrefix(v, ">="):
		n.from, err = dateBound(n.name, v[2:], false)
	case strings.HasPrefix(v, ">"):
		n.from, err = dateBound(n.name, v[1:], true)
		if err == nil {
			n.from = dayAfter(n.from)
		}
	case strings.Contains(v, ".."):
		a, b, _ := strings.Cut(v, "..")
		if a == "" && b == "" {
			return badQuery(msg.RangeNoEnd, n.name)
		}
		if a != "" {
			if n.from, err = dateBound(n.name, a, false); err != nil {
				return err
			}
		}
		if b != "" {
			n.to, err = dateBound(n.name, b, true)
		}
	default:
		if n.from, err = dateBound(n.name, v, false); err == nil {
			n.to, err = dateBound(n.name, v, true)
		}
	}
	if err == nil && n.from != "" && n.to != "" && n.from > n.to {
		return badQuery(msg.RangeBackwards, n.name, v)
	}
	return err
}

// dateBound reads YYYY, YYYY-MM or YYYY-MM-DD as its first day, or its
// last when end is set.
func dateBound(name, s string, end bool) (string, error) {
	for _, layout := range []string{time.DateOnly, "2006-01", "2006"} {
		t, err := time.Parse(layout, s)
		if err != nil {
			continue
		}
		if end {
			switch layout {
			case "2006-01":
				t = t.AddDate(0, 1, -1)
			case "2006":
				t = t.AddDate(1, 0, -1)
			}
		}
		return t.Format(time.DateOnly), nil
	}
	return "", badQuery(msg.RangeDates, name, s)
}

func dayBefore(d string) string { return shiftDay(d, -1) }
func dayAfter(d string) string  { return shiftDay(d, 1) }

func shiftDay(d string, n int) string {
	t, _ := time.Parse(time.DateOnly, d)
	return t.AddDate(0, 0, n).Format(time.DateOnly)
}
