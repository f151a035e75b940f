package search

import (
	"encoding/json"
	"slices"
	"sort"
	"unicode"

	"sepportal/claimcharts"
)

// Types of document, as hits report them.
const (
	TypePatent    = "patent"
	TypeElement   = "element"
	TypeReference = "reference"
)

// doc is one document of the index before it is handed to bleve.
type doc struct {
	id     string
	typ    string
	rec    string // the record that owns the document ("patent/KEY")
	vis    []string
	shadow []string
	// keys holds the keyword fields.
	keys    map[string][]string
	title   claimcharts.Text
	items   []item
	display Display
	// sources are the records the document is derived from, "kind/key@rev".
	sources string
	// country is where the country facet counts the document (countryFacet).
	country string
}

// item is one searchable text of a document, in both languages, and what
// it is ("abstract", "claim 1", "quote 8.5.3.2"...).
type item struct {
	label  string
	zh, en string
}

// Display is what a hit shows besides its snippets: the fields of the
// record it stands for, as the caller may see them. It says what the hit
// is (Type with Patent; Chart, Revision and Element; Standard and Label),
// never where it lives: the server makes the links.
type Display struct {
	Type  string           `json:"type"`
	ID    string           `json:"id"`
	Title claimcharts.Text `json:"title"`
	// Patents and elements.
	Patent     string             `json:"patent,omitempty"`
	Number     string             `json:"number,omitempty"`
	Family     string             `json:"family,omitempty"`
	Holder     string             `json:"holder,omitempty"`
	PatentType string             `json:"patent_type,omitempty"`
	Legal      string             `json:"legal_status,omitempty"`
	Dates      *claimcharts.Dates `json:"dates,omitempty"`
	Pools      []PoolListing      `json:"pools,omitempty"`
	Results    []string           `json:"results,omitempty"`
	// Elements and references.
	Standard string `json:"standard,omitempty"`
	// Elements.
	Chart      string            `json:"chart,omitempty"`
	Revision   int               `json:"revision,omitempty"`
	Claim      int               `json:"claim,omitempty"`
	Element    string            `json:"element,omitempty"`
	Text       *claimcharts.Text `json:"text,omitempty"`
	References []Ref             `json:"references,omitempty"`
	// References.
	Label  string `json:"label,omitempty"`
	Kind   string `json:"kind,omitempty"`
	Parent string `json:"parent,omitempty"`
	// Changes (see changes.go).
	Change *Change `json:"change,omitempty"`
}

// PoolListing is a patent's place on one pool's list.
type PoolListing struct {
	Pool      string           `json:"pool"`
	Status    string           `json:"status"`
	Effective claimcharts.Date `json:"effective,omitempty"`
	Removed   claimcharts.Date `json:"removed,omitempty"`
	Reason    string           `json:"reason,omitempty"`
	// Spans are the stretches of days it stood on the list, oldest first,
	// when there are more than one (an upheld challenge put it back under
	// review and it was admitted again); Effective and Removed are the
	// latest's.
	Spans []claimcharts.Span `json:"spans,omitempty"`
}

// Ref is a standard reference an element is mapped to.
type Ref struct {
	Label string           `json:"label"`
	Title claimcharts.Text `json:"title"`
}

// add appends values to a keyword field, skipping empty ones.
func (d *doc) add(field string, values ...string) {
	for _, v := range values {
		if v == "" {
			continue
		}
		if d.keys == nil {
			d.keys = map[string][]string{}
		}
		d.keys[field] = append(d.keys[field], v)
	}
}

// addText appends a text item when it has content. Text whose language is
// not known is filed by its script: Chinese if it holds Han characters.
func (d *doc) addText(label string, t claimcharts.Text) {
	if t.IsZero() {
		return
	}
	d.items = append(d.items, item{label: label, zh: t.Zh, en: t.En})
}

// addPlain appends text of unknown language.
func (d *doc) addPlain(label, s string) {
	if s == "" {
		return
	}
	if hasHan(s) {
		d.addText(label, claimcharts.Text{Zh: s})
	} else {
		d.addText(label, claimcharts.Text{En: s})
	}
}

// hasHan reports whether s holds a Chinese character.
func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

// normalize sorts and dedupes the keyword fields, so that two views with
// the same content compare equal.
func (d *doc) normalize() {
	for f, vs := range d.keys {
		sort.Strings(vs)
		out := vs[:0]
		for i, v := range vs {
			if i == 0 || v != vs[i-1] {
				out = append(out, v)
			}
		}
		d.keys[f] = out
	}
}

// content is the document's content without its id and visibility, used to
// tell whether two views of a record differ.
func (d *doc) content() string {
	type shape struct {
		Keys    map[string][]string
		Title   claimcharts.Text
		Items   []item
		Display Display
	}
	b, _ := json.Marshal(shape{d.keys, d.title, d.items, d.display})
	return string(b) + itemsKey(d.items)
}

// itemsKey spells out the items, whose fields json does not see.
func itemsKey(items []item) string {
	var b []byte
	for _, it := range items {
		b = append(b, it.label...)
		b = append(b, 0)
		b = append(b, it.zh...)
		b = append(b, 0)
		b = append(b, it.en...)
		b = append(b, 1)
	}
	return string(b)
}

// fields returns the document as bleve maps it.
func (d *doc) fields() map[string]any {
	m := make(map[string]any, len(d.keys)+10)
	for f, vs := range d.keys {
		m[f] = vs
	}
	m[fType], m[fRec] = d.typ, d.rec
	m[fSortNumber] = d.sortKey()
	if d.typ != TypeChange { // no search counts a change
		m[fFacet] = d.facetValues()
	}
	m[fVis], m[fShadow] = d.vis, d.shadow
	if !slices.Contains(d.vis, principalPublic) {
		m[fPrivate] = privateYes
	}
	// The title leads each language's text; the items follow it.
	zh, en := make([]string, len(d.items)+1), make([]string, len(d.items)+1)
	zh[0], en[0] = d.title.Zh, d.title.En
	stored := make([][3]string, len(d.items))
	for i, it := range d.items {
		zh[i+1], en[i+1], stored[i] = it.zh, it.en, [3]string{it.label, it.zh, it.en}
	}
	m[fTextZh], m[fTextEn] = zh, en
	// A reference's title is nearly all its text, which ranks it high
	// already; a second count would put sections above the patents
	// titled with the same words.
	if d.typ != TypeReference {
		if d.title.Zh != "" {
			m[fTitleZh] = d.title.Zh
		}
		if d.title.En != "" {
			m[fTitleEn] = d.title.En
		}
	}
	if len(d.items) > 0 {
		b, _ := json.Marshal(stored)
		m[fItems] = string(b)
	}
	b, _ := json.Marshal(d.display)
	m[fDisplay], m[fSources] = string(b), d.sources
	return m
}

// sortKey is what the document sorts by in number order: the patent's
// number key, then what the document shows (the patent itself first,
// then its chart elements), so that no two documents a caller can see
// share a key and a page can start after the last one of the page
// before. References, which have no number, sort last.
func (d *doc) sortKey() string {
	if ks := d.keys[fSortNumber]; len(ks) > 0 {
		return ks[0] + " " + d.display.ID
	}
	return "~ " + d.display.ID
}

// facetFields are the fields whose values are counted, by facet name;
// "ps" counts statuses per pool. The country facet counts doc.country, one
// value a document, though the country filter matches both the office and
// the validation state; the expires facet counts the year of the expiry
// date, which the expires filter reads back (expires:2031).
var facetFields = map[string]string{"pool": fPool, "holder": fHolder, "country": fCountry, "standard": fStandard,
	"result": fResult, "status": fStatus, "ps": fPoolStatus, "section": fSection, "expires": fExpires}

// facetValues returns the document's facet values as "name:value".
func (d *doc) facetValues() []string {
	var out []string
	for name, field := range facetFields {
		if name == "country" {
			if d.country != "" {
				out = append(out, name+":"+d.country)
			}
			continue
		}
		if name == "expires" {
			if ds := d.keys[field]; len(ds) > 0 && len(ds[0]) >= 4 {
				out = append(out, name+":"+ds[0][:4])
			}
			continue
		}
		for _, v := range d.keys[field] {
			out = append(out, name+":"+v)
		}
	}
	return out
}

// storedItems reads the items back from a hit's stored field.
func storedItems(v any) []item {
	s, _ := v.(string)
	var raw [][3]string
	if json.Unmarshal([]byte(s), &raw) != nil {
		return nil
	}
	out := make([]item, len(raw))
	for i, r := range raw {
		out[i] = item{label: r[0], zh: r[1], en: r[2]}
	}
	return out
}
