package search

import (
	"strings"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search/query"

	"sepportal/claimcharts"
)

// compiler turns a parsed query into a bleve query.
type compiler struct {
	m *mapping.IndexMappingImpl
}

// plan is a compiled query split the way bleve runs it best: the scoring
// part (free text; nil when there is none), the parts that exclude, and
// the filters, which never change scores.
type plan struct {
	must []query.Query
	// should ranks documents whose titles hold the words higher.
	should  []query.Query
	mustNot []query.Query
	filter  []query.Query
}

// compileTop compiles the top level of a query: filters (and excluded
// filters) there become non-scoring filters; the rest scores.
func (c *compiler) compileTop(n node) (*plan, error) {
	p := &plan{}
	if n == nil {
		return p, nil
	}
	kids := []node{n}
	if and, ok := n.(*andNode); ok {
		kids = and.kids
	}
	kids = scopeStatus(kids)
	for _, k := range kids {
		neg := false
		if not, ok := k.(*notNode); ok {
			k, neg = not.kid, true
		}
		q, err := c.compile(k)
		if err != nil {
			return nil, err
		}
		switch _, isFilter := k.(*filterNode); {
		case q == nil:
		case neg:
			p.mustNot = append(p.mustNot, q)
		case isFilter:
			p.filter = append(p.filter, q)
		default:
			p.must = append(p.must, q)
			if t := c.inTitle(k); t != nil {
				p.should = append(p.should, t)
			}
		}
	}
	return p, nil
}

// titleBoost is how much a word found in a title adds to a document's
// score, beside finding it in the text.
const titleBoost = 1.5

// inTitle compiles a free-text word or phrase of the top level against
// the titles alone, or returns nil. Matching runs on the one text field
// per language (see zhFields); this optional clause only reorders what it
// matched, and costs a posting lookup per match on the short title lists.
func (c *compiler) inTitle(n node) query.Query {
	var q query.Query
	switch n := n.(type) {
	case *wordNode:
		if n.prefix || claimcharts.LooksLikeNumber(n.text) {
			return nil
		}
		q = c.match(n.text, c.wordFields(n.text, true))
	case *phraseNode:
		if claimcharts.LooksLikeNumber(n.text) {
			return nil
		}
		q = c.match(n.text, phraseFields(n.text, true))
	}
	if b, ok := q.(query.BoostableQuery); ok {
		b.SetBoost(titleBoost)
	}
	return q
}

// scopeStatus reads status:S beside exactly one pool:P as "status S on
// the list of P", not "status S on some list and listed on P".
func scopeStatus(kids []node) []node {
	var pool string
	pools := 0
	for _, k := range kids {
		if f, ok := k.(*filterNode); ok && f.field == fPool && !f.prefix {
			pool, pools = f.value, pools+1
		}
	}
	if pools != 1 {
		return kids
	}
	out := make([]node, len(kids))
	for i, k := range kids {
		out[i] = k
		if f, ok := k.(*filterNode); ok && f.field == fStatus {
			scoped := *f
			scoped.field, scoped.value = fPoolStatus, pool+"/"+f.value
			out[i] = &scoped
		}
		if not, ok := k.(*notNode); ok {
			if f, ok := not.kid.(*filterNode); ok && f.field == fStatus {
				scoped := *f
				scoped.field, scoped.value = fPoolStatus, pool+"/"+f.value
				out[i] = &notNode{kid: &scoped}
			}
		}
	}
	return out
}

// compile compiles any node; nil means the node matches nothing to
// require (a stop word) and is left out.
func (c *compiler) compile(n node) (query.Query, error) {
	switch n := n.(type) {
	case *andNode:
		return c.and(n.kids)
	case *orNode:
		var qs []query.Query
		for _, k := range n.kids {
			q, err := c.compile(k)
			if err != nil {
				return nil, err
			}
			if q != nil {
				qs = append(qs, q)
			}
		}
		if len(qs) == 0 {
			return nil, nil
		}
		return query.NewDisjunctionQuery(qs), nil
	case *notNode:
		return c.and([]node{n})
	case *wordNode:
		if !n.prefix && claimcharts.LooksLikeNumber(n.text) {
			if num, err := claimcharts.ParseNumber(n.text); err == nil {
				return numberQuery(num.Key()), nil
			}
		}
		return c.word(n.text, n.prefix), nil
	case *phraseNode:
		if claimcharts.LooksLikeNumber(n.text) {
			if num, err := claimcharts.ParseNumber(n.text); err == nil {
				return numberQuery(num.Key()), nil
			}
		}
		return c.phrase(n.text), nil
	case *filterNode:
		return filterQuery(n), nil
	case *numberNode:
		return numberQuery(n.key), nil
	}
	return nil, nil
}

// and compiles terms that must all match, and negated ones that must not.
func (c *compiler) and(kids []node) (query.Query, error) {
	var must, mustNot []query.Query
	for _, k := range kids {
		neg := false
		if not, ok := k.(*notNode); ok {
			k, neg = not.kid, true
		}
		q, err := c.compile(k)
		if err != nil || q == nil {
			if err != nil {
				return nil, err
			}
			continue
		}
		if neg {
			mustNot = append(mustNot, q)
		} else {
			must = append(must, q)
		}
	}
	if len(must) == 0 && len(mustNot) == 0 {
		return nil, nil
	}
	if len(must) == 0 {
		must = []query.Query{query.NewMatchAllQuery()}
	}
	if len(mustNot) == 0 && len(must) == 1 {
		return must[0], nil
	}
	return query.NewBooleanQuery(must, nil, mustNot), nil
}

// textField pairs a text field with the analyzer its queries use.
type textField struct {
	field, analyzer string
}

// word compiles one free-text word: a word holding Chinese characters
// against the Chinese text as all its terms (see wordFields), other words
// against the English text (stemmed) and, when written like a term, as
// written against the Chinese text too, which quotes Latin terms (PPDU).
func (c *compiler) word(text string, prefix bool) query.Query {
	if prefix {
		return prefixQuery(strings.ToLower(text))
	}
	fields := c.wordFields(text, false)
	if fields == nil {
		return nil // a stop word
	}
	return c.match(text, fields)
}

// wordFields are the fields (text, or titles) a word is looked up in.
// A word holding Chinese characters is read by analyzerZhQuery, Latin
// letters among them or not: each run of characters becomes its bigrams
// (a lone character itself), and each Latin run between them the
// lower-cased word or words the index holds inside Chinese text
// (多用户PPDU: 多用, 用户, ppdu), all of which several requires. Read by
// analyzerZh, a mixed word was a phrase whose characters and pairs share
// positions, which the bitmap engine leaves to bleve at 10-40 times the
// cost of a word (see phraseTerms).
func (c *compiler) wordFields(text string, title bool) []textField {
	switch {
	case hasHan(text):
		return zhFields(analyzerZhQuery, title)
	case len(c.m.AnalyzerNamed(analyzerEn).Analyze([]byte(text))) == 0:
		return nil
	case looksLikeTerm(text):
		return append(enFields(title), zhFields(analyzerZh, title)...)
	}
	return enFields(title)
}

// looksLikeTerm reports whether a Latin word is written like a technical
// term (an upper-case letter or a digit: PPDU, HE-LTF, 802.11ax) that
// Chinese text quotes as is. Plain words are looked up in the English
// text only: searching each in both languages costs twice as much.
func looksLikeTerm(w string) bool {
	for _, r := range w {
		if r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' {
			return true
		}
	}
	return false
}

// phrase compiles a quoted phrase: its words in order.
func (c *compiler) phrase(text string) query.Query {
	return c.match(text, phraseFields(text, false))
}

// phraseFields are the fields (text, or titles) a phrase is looked up in.
func phraseFields(text string, title bool) []textField {
	if hasHan(text) {
		return zhFields(analyzerZh, title)
	}
	return append(enFields(title), zhFields(analyzerZh, title)...)
}

// zhFields and enFields are the text field of each language, or its
// title field. The text field holds the title and the items together, so
// that a word is one posting list and a query of several words a
// conjunction of lists, which bleve leapfrogs: with the title a field of
// its own, every word was a disjunction, and a query over a million
// documents several times slower.
func zhFields(analyzer string, title bool) []textField {
	if title {
		return []textField{{fTitleZh, analyzer}}
	}
	return []textField{{fTextZh, analyzer}}
}

func enFields(title bool) []textField {
	if title {
		return []textField{{fTitleEn, analyzerEn}}
	}
	return []textField{{fTextEn, analyzerEn}}
}

// match is text on any of the fields: a term query where the text
// analyzes to one token, a phrase query where to several.
func (c *compiler) match(text string, fields []textField) query.Query {
	var qs []query.Query
	for _, f := range fields {
		toks := c.m.AnalyzerNamed(f.analyzer).Analyze([]byte(text))
		switch len(toks) {
		case 0:
			continue
		case 1:
			qs = append(qs, termQuery(f.field, string(toks[0].Term)))
		default:
			qs = append(qs, c.several(text, toks, f))
		}
	}
	switch len(qs) {
	case 0:
		return nil
	case 1:
		return qs[0]
	}
	return query.NewDisjunctionQuery(qs)
}

// several matches text that analyzes to several tokens in field f: a
// Chinese word (its bigrams, and the Latin words of a mixed word such as
// 多用户PPDU) needs all its terms, which costs no positions and almost
// never matches them apart; anything else is a phrase.
func (c *compiler) several(text string, toks analysis.TokenStream, f textField) query.Query {
	if f.analyzer == analyzerZhQuery {
		qs := make([]query.Query, len(toks))
		for i, t := range toks {
			qs[i] = termQuery(f.field, string(t.Term))
		}
		return query.NewConjunctionQuery(qs)
	}
	q := query.NewMatchPhraseQuery(text)
	q.SetField(f.field)
	q.Analyzer = f.analyzer
	return q
}

// prefixQuery matches words starting with p in any text field.
func prefixQuery(p string) query.Query {
	var qs []query.Query
	for _, f := range []string{fTextEn, fTextZh} {
		q := query.NewPrefixQuery(p)
		q.SetField(f)
		qs = append(qs, q)
	}
	return query.NewDisjunctionQuery(qs)
}

// numberQuery finds a patent by its number or application number, and
// the elements of its charts.
func numberQuery(key string) query.Query {
	own := termQuery(fNumbers, key)
	own.SetBoost(10)
	return query.NewDisjunctionQuery([]query.Query{own, termQuery(fPatent, key)})
}

// filterQuery compiles a name:value filter.
func filterQuery(f *filterNode) query.Query {
	switch {
	case f.number != "":
		return query.NewDisjunctionQuery([]query.Query{termQuery(fNumbers, f.number), termQuery(fPatent, f.number)})
	case f.ranged:
		yes := true
		q := query.NewTermRangeInclusiveQuery(f.from, f.to, &yes, &yes)
		if f.to == "" {
			q.Max = "9999-99-99"
		}
		q.SetField(f.field)
		return q
	case f.prefix:
		q := query.NewPrefixQuery(f.value)
		q.SetField(f.field)
		return q
	}
	return termQuery(f.field, f.value)
}
