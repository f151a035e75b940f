package server

import (
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"sepportal/claimcharts"
	"sepportal/claimcharts/msg"
)

// The revision form works without script: each element is a row the
// reader may relabel, retext, give more references or mark for removal,
// and an "add an element" button sends the form back with one blank row
// more, keeping what was typed. The rows say which element of the base
// revision they edit, so that removing one never shifts another's text.

// maxFormRows bounds the rows a revision form is read with (a revision
// holds at most 200 elements; one more shows the refusal).
const maxFormRows = 201

// revisionRow is one element row of the revision form.
type revisionRow struct {
	// From is the index of the element in the base revision; -1 for a
	// row added in the form.
	From    int
	Element claimcharts.Element
	// Refs are the references typed to add to the element, read by
	// claimcharts.ParseCitations ("8.5.3.2; Fig. 8-3").
	Refs string
	// Remove is true when the reader marked the row for removal.
	Remove bool
}

// rowsOf is the form's rows for base, as stored.
func rowsOf(base *claimcharts.Revision) []revisionRow {
	rows := make([]revisionRow, len(base.Elements))
	for i, e := range base.Elements {
		rows[i] = revisionRow{From: i, Element: e}
	}
	return rows
}

// readRows reads the form's rows over base: the text typed replaces the
// reader's language and keeps the other.
func readRows(c *gin.Context, base *claimcharts.Revision) []revisionRow {
	n, _ := strconv.Atoi(c.PostForm("rows"))
	n = min(max(n, 0), maxFormRows)
	rows := make([]revisionRow, n)
	for i := range rows {
		p := "e" + strconv.Itoa(i)
		r := revisionRow{From: -1}
		if f, err := strconv.Atoi(c.PostForm(p + "_from")); err == nil && f >= 0 && f < len(base.Elements) {
			r.From, r.Element = f, base.Elements[f]
		}
		r.Element.Label = strings.TrimSpace(c.PostForm(p + "_label"))
		r.Element.Text = inLang(c, r.Element.Text, c.PostForm(p+"_text"))
		ms := make([]claimcharts.Mapping, len(r.Element.Mappings))
		for j, m := range r.Element.Mappings {
			k := p + "_m" + strconv.Itoa(j)
			m.Quote = c.PostForm(k + "_quote")
			m.Explanation = inLang(c, m.Explanation, c.PostForm(k+"_expl"))
			ms[j] = m
		}
		r.Element.Mappings = ms
		r.Refs = strings.TrimSpace(c.PostForm(p + "_refs"))
		r.Remove = c.PostForm(p+"_remove") != ""
		rows[i] = r
	}
	return rows
}

// maxFormProblems is the most unreadable references a refused revision
// form lists; one more line counts the rest.
const maxFormProblems = 100

// revisionInput is the revision the rows make: the rows kept, each with
// the references typed for it added. References that cannot be read
// refuse the form, naming the element: the first maxFormProblems, then a
// count of the others.
func revisionInput(note, standard string, rows []revisionRow) (claimcharts.RevisionInput, error) {
	in := claimcharts.RevisionInput{Note: note}
	var problems []claimcharts.FieldError
	more := 0
	for _, r := range rows {
		if r.Remove {
			continue
		}
		e := r.Element
		if r.Refs != "" {
			cits, warns := claimcharts.ParseCitations(r.Refs, standard)
			for _, w := range warns {
				if len(problems) == maxFormProblems {
					more += max(1, countedRefs(w))
					continue
				}
				w.Path = "elements[" + strconv.Itoa(len(in.Elements)) + "].mappings"
				problems = append(problems, w)
			}
			e.Mappings = append(append([]claimcharts.Mapping{}, e.Mappings...), mappingsOf(cits)...)
		}
		in.Elements = append(in.Elements, e)
	}
	if more > 0 {
		problems = append(problems, claimcharts.Because("elements", msg.RefsMore, more))
	}
	if len(problems) > 0 {
		return in, claimcharts.Says(claimcharts.EINVALID, msg.RefsUnreadable).With(problems...)
	}
	return in, nil
}

// countedRefs is the number of references a ParseCitations warning that
// counts them (msg.RefsMore) stands for, 0 for another warning.
func countedRefs(w claimcharts.FieldError) int {
	if w.Key != msg.RefsMore || len(w.Args) != 1 {
		return 0
	}
	n, _ := w.Args[0].(int)
	return n
}

// mappingsOf maps an element to each cited reference, without quote or
// explanation yet.
func mappingsOf(cits []claimcharts.Citation) []claimcharts.Mapping {
	ms := make([]claimcharts.Mapping, len(cits))
	for i, c := range cits {
		ms[i] = claimcharts.Mapping{Ref: c.Label}
	}
	return ms
}
