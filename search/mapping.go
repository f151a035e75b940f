package search

import (
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/lang/cjk"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/mapping"
)

// MappingVersion names the shape of the index: the fields, their analyzers
// and what the documents hold. Change it whenever any of those change; an
// index built under another version is rebuilt (aside, then swapped in).
const MappingVersion = "19"

// Analyzers of the mapping.
const (
	// analyzerZh indexes Chinese text: CJK bigrams plus every single
	// character (output_unigram), so that one-character queries match;
	// Latin words in Chinese text are lower-cased words.
	analyzerZh = "zh"
	// analyzerZhQuery reads Chinese query words: bigrams only, and a
	// lone character as itself. A run of n characters becomes n-1
	// bigrams, and Latin letters beside them the words analyzerZh makes
	// of them; a word matches the documents holding all its terms (see
	// compiler.several), not as a phrase.
	analyzerZhQuery = "zh_query"
	// analyzerEn is bleve's English analyzer: lower case, stop words,
	// possessives, Porter stemming.
	analyzerEn = en.AnalyzerName
)

// Fields of the documents. Keyword fields hold exact values; the text
// fields are analyzed per language.
const (
	fType       = "type"        // patent, element or reference
	fRec        = "rec"         // the record that owns the document: "patent/KEY"
	fVis        = "vis"         // principals that may read the document
	fShadow     = "shadow"      // principals that read a newer view instead
	fPrivate    = "private"     // privateYes when the public may not read the document
	fNumbers    = "numbers"     // patent key, application key, "family:<id>"
	fPatent     = "patent"      // the patent's key (patents and elements)
	fFamily     = "family"      // family id
	fHolder     = "holder"      // holder organization slug
	fCountry    = "country"     // office, and validation country
	fPType      = "ptype"       // invention, utility_model, design
	fLegal      = "legal"       // legal status
	fPool       = "pool"        // pools whose list holds the patent
	fStatus     = "status"      // status on those lists
	fPoolStatus = "pool_status" // "pool/status"
	fFacet      = "facet"       // every facet value, "name:value", for counting
	fStandard   = "standard"    // standard slugs
	fSection    = "section"     // reference labels
	fReference  = "std_ref"     // "standard/label": a reference of one standard, cited or charted
	fResult     = "result"      // published determination results
	fReviewer   = "reviewer"    // reviewers whose identity is visible
	fChart      = "chart"       // chart id (elements)
	fFiled      = "filed"       // dates, YYYY-MM-DD
	fGranted    = "granted"
	fExpires    = "expires"
	fPriority   = "priority"
	fDate       = "date" // the date results sort by; a change's date (see changes.go)
	// fListedFrom and fListedUntil are "pool/YYYY-MM-DD": the first day a
	// patent stood on a pool's list, and the day it left it last (see
	// claimcharts.Entry.ListedSpans), for the list as of a date; fListedOff
	// holds the days between two of its spells on the list, as the fewest
	// "pool/YYYY", "pool/YYYY-MM" and "pool/YYYY-MM-DD" that cover them
	// (see asof.go).
	fListedFrom  = "listed_from"
	fListedUntil = "listed_until"
	fListedOff   = "listed_off"
	// fChangeDay is "pool/YYYY-MM-DD" and "/YYYY-MM-DD" on a change
	// document: its day among its pool's changes and among all.
	fChangeDay  = "change_day"
	fSortNumber = "nsort"    // number sort key, unique per view (see sortKey)
	fTextZh     = "text_zh"  // the title (elements: the element's text), then one entry per item
	fTextEn     = "text_en"  // the same in English
	fTitleZh    = "title_zh" // the title again, only to rank title matches higher
	fTitleEn    = "title_en" //
	fItems      = "_t"       // stored only: JSON of the items, for snippets
	fDisplay    = "_d"       // stored only: JSON of what a hit shows
	fSources    = "_r"       // stored only: the records derived from, "kind/key@rev"
)

// privateYes is the value of fPrivate.
const privateYes = "yes"

// sortedFields are the keyword fields with doc values: the facet values
// (all in one field, so that counting visits one field per hit) and the
// sort keys.
var sortedFields = map[string]bool{fFacet: true, fDate: true, fSortNumber: true}

// keywordFields lists every keyword field of the mapping.
var keywordFields = []string{fType, fRec, fVis, fShadow, fPrivate, fNumbers, fPatent, fFamily, fHolder, fCountry,
	fPType, fLegal, fPool, fStatus, fPoolStatus, fStandard, fSection, fReference, fResult, fReviewer, fChart, fFacet,
	fFiled, fGranted, fExpires, fPriority, fDate, fSortNumber, fListedFrom, fListedUntil, fListedOff, fChangeDay}

// newMapping returns the explicit mapping of the index: no dynamic fields,
// no _all field, and each text field with its language's analyzer.
func newMapping() (*mapping.IndexMappingImpl, error) {
	m := bleve.NewIndexMapping()
	m.IndexDynamic, m.StoreDynamic, m.DocValuesDynamic = false, false, false
	m.DefaultAnalyzer = keyword.Name
	m.ScoringModel = "bm25"
	if err := addAnalyzers(m); err != nil {
		return nil, err
	}
	dm := bleve.NewDocumentStaticMapping()
	for _, f := range keywordFields {
		fm := mapping.NewKeywordFieldMapping()
		fm.Store, fm.IncludeInAll, fm.IncludeTermVectors = false, false, false
		fm.DocValues = sortedFields[f]
		dm.AddFieldMappingsAt(f, fm)
	}
	for f, analyzer := range map[string]string{fTextZh: analyzerZh, fTextEn: analyzerEn, fTitleZh: analyzerZh, fTitleEn: analyzerEn} {
		fm := mapping.NewTextFieldMapping()
		fm.Analyzer = analyzer
		fm.Store, fm.IncludeInAll, fm.DocValues = false, false, false
		dm.AddFieldMappingsAt(f, fm)
	}
	for _, f := range []string{fItems, fDisplay, fSources} {
		fm := mapping.NewTextFieldMapping()
		fm.Index, fm.IncludeInAll, fm.IncludeTermVectors, fm.DocValues = false, false, false, false
		dm.AddFieldMappingsAt(f, fm)
	}
	dm.AddSubDocumentMapping("_all", bleve.NewDocumentDisabledMapping())
	m.DefaultMapping = dm
	return m, m.Validate()
}

// addAnalyzers registers the Chinese analyzers on m.
func addAnalyzers(m *mapping.IndexMappingImpl) error {
	if err := m.AddCustomTokenFilter("cjk_bigram_unigram", map[string]any{
		"type": cjk.BigramName, "output_unigram": true}); err != nil {
		return err
	}
	if err := m.AddCustomAnalyzer(analyzerZh, map[string]any{"type": custom.Name, "tokenizer": unicode.Name,
		"token_filters": []string{cjk.WidthName, lowercase.Name, "cjk_bigram_unigram"}}); err != nil {
		return err
	}
	return m.AddCustomAnalyzer(analyzerZhQuery, map[string]any{"type": custom.Name, "tokenizer": unicode.Name,
		"token_filters": []string{cjk.WidthName, lowercase.Name, cjk.BigramName}})
}
