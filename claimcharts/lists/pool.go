package lists

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"time"

	"sepportal/claimcharts"
	"sepportal/claimcharts/msg"
)

// A pool list has one row per family (or per patent, with a family
// column): family code, holder, exemplary member, family members, claims,
// standards, illustrative references, and optionally the admission date
// and a title. Each row becomes a Family (its ID the family code as a
// slug), a Patent per member and an admitted Entry per member on the pool.
// The exemplary member and the claims the list gives are kept in the
// entry's history note (see importNote), as the domain has no field for
// them.

// untitled is the title of a patent a pool list creates without one: a
// patent needs a title, and lists rarely give it.
var untitled = claimcharts.Text{En: "(title not given in the pool list)", Zh: "（入池清单未载明名称）"}

// poolHandler imports the rows of a pool list.
type poolHandler struct {
	im        *importer
	pool      string
	licensors map[string]bool
	prev      Row             // the last row with a family or a holder
	families  map[string]bool // families that rows of this list wrote
}

func (im *importer) newPoolHandler(ctx context.Context) (*poolHandler, error) {
	if im.opts.Pool == "" {
		return nil, claimcharts.Says(claimcharts.EINVALID, msg.PoolListPool).With(claimcharts.Because("pool", msg.Required))
	}
	p, err := im.r.Pool(ctx, im.actor, im.opts.Pool)
	if err != nil {
		return nil, err
	}
	im.rep.Pool = p.Slug
	h := &poolHandler{im: im, pool: p.Slug, licensors: map[string]bool{}, families: map[string]bool{}}
	for _, l := range p.Licensors {
		h.licensors[l] = true
	}
	return h, nil
}

// poolRow is what one row of a pool list says, read.
type poolRow struct {
	line      int
	family    string
	code      string // the family code as written, when it is not family itself
	holder    string
	members   []claimcharts.Number
	unread    []string // member numbers that cannot be read, as written
	exemplary string   // key of the exemplary member, "" if none is named
	claims    string   // claim numbers as "1, 5-7", or as written when unreadable
	date      claimcharts.Date
	title     claimcharts.Text
	standards []string
	citations []claimcharts.Citation
}

func (h *poolHandler) row(ctx context.Context, row Row) error {
	row = h.continuation(row)
	return h.im.unit([]int{row.Line}, func() error {
		r, err := h.read(ctx, row)
		if err != nil {
			return err
		}
		return h.write(ctx, r)
	})
}

func (h *poolHandler) finish(context.Context) error { return nil }

// continuation fills a row whose family and holder cells are blank but
// that lists members, from the row before: that is how merged cells come
// out of a spreadsheet saved as CSV.
func (h *poolHandler) continuation(row Row) Row {
	if cell(row, "family") != "" || cell(row, "holder") != "" {
		h.prev = row
		return row
	}
	if h.prev.Cells == nil || cell(row, "members")+cell(row, "exemplary") == "" {
		return row
	}
	cells := make(map[string]string, len(row.Cells))
	for f, v := range row.Cells {
		cells[f] = v
	}
	for _, f := range []string{"family", "holder", "standards", "references", "effective", "title", "title_en", "title_zh"} {
		if strings.TrimSpace(cells[f]) == "" {
			cells[f] = h.prev.Cells[f]
		}
	}
	h.im.warn(RowIssue{Row: row.Line}.says(msg.ContinuesFamily, h.prev.Line))
	row.Cells = cells
	return row
}

// read reads a row's cells and checks them against the rows before.
func (h *poolHandler) read(ctx context.Context, row Row) (poolRow, error) {
	im := h.im
	r := poolRow{line: row.Line}
	var err error
	if r.members, r.exemplary, r.unread, err = h.members(row); err != nil {
		return r, err
	}
	if r.holder, err = im.holder(ctx, "holder", cell(row, "holder")); err != nil {
		return r, err
	}
	if r.date, err = parseDate("effective", cell(row, "effective")); err != nil {
		return r, err
	}
	r.family = cell(row, "family")
	if r.family == "" {
		r.family = strings.ToLower(r.members[0].Key())
		if r.exemplary != "" {
			r.family = strings.ToLower(r.exemplary)
		}
	}
	r.family = familyID(r.family)
	if written := cell(row, "family"); written != r.family {
		r.code = written
	}
	r.claims = h.claims(row)
	r.title = rowText(row, "title")
	r.standards, r.citations = im.standardsAndReferences(row)
	return r, nil
}

// members reads the member numbers, the exemplary member among them, and
// refuses numbers an earlier row listed. A number it cannot read is a
// warning and is returned as written, for the family to keep; the row is
// refused only when it has neither a family code nor a readable member.
func (h *poolHandler) members(row Row) ([]claimcharts.Number, string, []string, error) {
	nums, bad := parseNumbers(cell(row, "members"))
	ex := ""
	if v := cell(row, "exemplary"); v != "" {
		exs, exBad := parseNumbers(v)
		if len(exs) > 0 {
			ex = exs[0].Key()
			nums = append([]claimcharts.Number{exs[0]}, nums...)
		}
		h.unreadWarnings(row.Line, "exemplary", exBad)
		bad = append(exBad, bad...)
	}
	h.unreadWarnings(row.Line, "members", bad)
	var out []claimcharts.Number
	seen := map[string]bool{}
	for _, n := range nums {
		if seen[n.Key()] {
			continue
		}
		seen[n.Key()] = true
		if first, dup := h.im.dups.number(n.Key()); dup {
			return nil, "", nil, cellSays("members", n.Submitted, msg.ListedAlready, n.String(), first)
		}
		out = append(out, n)
	}
	if len(out) == 0 && cell(row, "family") == "" {
		if len(bad) > 0 {
			reasons := make(msg.Each, len(bad))
			for i, b := range bad {
				reasons[i] = b.reason
			}
			return nil, "", nil, cellSays("members", bad[0].text, msg.NothingIdentifies, reasons)
		}
		return nil, "", nil, cellSays("members", "", msg.NoNumberInRow)
	}
	if len(out) == 0 && len(bad) == 0 {
		return nil, "", nil, cellSays("members", "", msg.NoNumberInRow)
	}
	h.im.onCommit = append(h.im.onCommit, func() {
		for _, n := range out {
			h.im.dups.addNumber(n.Key(), row.Line)
		}
	})
	texts := make([]string, len(bad))
	for i, b := range bad {
		texts[i] = b.text
	}
	return out, ex, addUnread(nil, texts), nil
}

// unreadWarnings reports each number of field that cannot be read, with
// its text and the parser's reason, once the row is staged.
func (h *poolHandler) unreadWarnings(line int, field string, bad []unreadNumber) {
	for _, b := range bad {
		h.im.note(RowIssue{Row: line, Column: h.im.header(field), Value: b.text}.says(msg.NumberKept, b.reason))
	}
}

// claims reads the claim numbers, keeping text it cannot read as written.
func (h *poolHandler) claims(row Row) string {
	v := cell(row, "claims")
	if v == "" {
		return ""
	}
	ns, why := parseClaimNumbers(v)
	if why.Key == "" {
		return formatClaimNumbers(ns)
	}
	h.im.note(RowIssue{Row: row.Line, Column: h.im.header("claims"), Value: v}.says(why.Key, why.Args...))
	return strings.Join(strings.Fields(v), " ")
}

// rowText reads a text from the field (language by script) and its _en
// and _zh variants.
func rowText(row Row, field string) claimcharts.Text {
	t := textOf(cell(row, field))
	if v := cell(row, field+"_en"); v != "" {
		t.En = v
	}
	if v := cell(row, field+"_zh"); v != "" {
		t.Zh = v
	}
	return t
}

// standardsAndReferences links the standards column to registry standards
// and parses the references with ParseCitations; what does not resolve is
// kept as parsed and reported as a warning.
func (im *importer) standardsAndReferences(row Row) ([]string, []claimcharts.Citation) {
	names := splitValues(cell(row, "standards"), true)
	var slugs []string
	for _, name := range names {
		slug := claimcharts.ResolveStandard(name, im.standards)
		if slug == "" {
			im.note(RowIssue{Row: row.Line, Column: im.header("standards"), Value: name}.says(msg.NoStandardNamed, name))
			continue
		}
		if !slices.Contains(slugs, slug) {
			slugs = append(slugs, slug)
		}
	}
	def := ""
	if len(names) == 1 {
		def = names[0]
	}
	cits, warns := claimcharts.ParseCitations(cell(row, "references"), def)
	for _, w := range warns {
		im.note(RowIssue{Row: row.Line, Column: im.header("references"), Reason: w.Reason, Key: w.Key, Args: w.Args})
	}
	return slugs, claimcharts.LinkCitations(cits, im.standards)
}

// note adds a warning about the unit in the making, once it is staged.
func (im *importer) note(w RowIssue) {
	im.onCommit = append(im.onCommit, func() { im.warn(w) })
}

// write stages the family, the members' patents and entries, and the
// holder on the pool's licensors.
func (h *poolHandler) write(ctx context.Context, r poolRow) error {
	if err := h.family(ctx, &r); err != nil {
		return err
	}
	for i, n := range r.members {
		p, isNew, err := h.patent(ctx, n, r)
		if err != nil {
			return err
		}
		facts := entryFacts{exemplary: p.Key() == r.exemplary, undated: r.date == ""}
		if p.Key() == r.exemplary || r.exemplary == "" && i == 0 {
			facts.claims = r.claims
		}
		if err := h.entry(ctx, p, isNew, r, facts); err != nil {
			return err
		}
	}
	return h.licensor(ctx, r.holder)
}

// family stages the row's family. A later row of a family this list wrote
// already adds to it: its unread numbers to the others', and a blank title
// keeps the family's, which its new members take (a family listed in two
// rows, one per date, names its title once).
func (h *poolHandler) family(ctx context.Context, r *poolRow) error {
	f, prev, err := claimcharts.Load[claimcharts.Family](ctx, h.im.sr.Store, claimcharts.KindFamily, r.family)
	switch {
	case claimcharts.ErrorCode(err) == claimcharts.ENOTFOUND:
		f = &claimcharts.Family{ID: r.family, Holder: r.holder, Title: r.title}
	case err != nil:
		return err
	case f.Holder != r.holder:
		h.im.note(RowIssue{Row: r.line, Column: h.im.header("holder")}.says(msg.HolderPasses, f.ID, f.Holder, r.holder))
	}
	f.Holder, f.Published = r.holder, true
	if h.im.has("family") {
		f.Code = r.code
	}
	seen := h.families[f.ID]
	h.families[f.ID] = true
	if h.im.has("members") || h.im.has("exemplary") {
		f.Unread = unread(f, r.unread, seen)
	}
	switch {
	case seen && r.title.IsZero():
		r.title = f.Title
	case h.im.has("title") || h.im.has("title_en") || h.im.has("title_zh"):
		f.Title = r.title
	}
	if err := h.im.sr.CheckFamily(ctx, f); err != nil {
		return err
	}
	return h.im.put(ctx, f, prev)
}

// unread is the family's unread numbers after a row that lists some: the
// list replaces what an earlier import kept, and the rows of one family in
// this list (seen: an earlier row wrote it) add theirs to each other's.
func unread(f *claimcharts.Family, rows []string, seen bool) []string {
	if !seen {
		return rows
	}
	return addUnread(slices.Clone(f.Unread), rows)
}

// maxUnread is the most unread numbers a family keeps (Family.Unread's
// validation).
const maxUnread = 1000

// addUnread appends to out each text of add it does not hold yet, in
// order. It stops once out holds more than maxUnread: the family's
// validation refuses it then, whatever more there is.
func addUnread(out, add []string) []string {
	seen := make(map[string]bool, len(out))
	for _, u := range out {
		seen[u] = true
	}
	for _, u := range add {
		if len(out) > maxUnread {
			break
		}
		if !seen[u] {
			seen[u] = true
			out = append(out, u)
		}
	}
	return out
}

// patent stages a member's patent: created published, or updated with the
// row's family, holder, standards and references and published. It
// reports whether the patent is new.
func (h *poolHandler) patent(ctx context.Context, n claimcharts.Number, r poolRow) (*claimcharts.Patent, bool, error) {
	p, prev, err := h.im.sr.FindPatent(ctx, n)
	isNew := claimcharts.ErrorCode(err) == claimcharts.ENOTFOUND
	switch {
	case isNew:
		p = &claimcharts.Patent{Number: n, Type: numberType(n), LegalStatus: numberStatus(n), Title: r.title}
		if p.Title.IsZero() {
			p.Title = untitled
		}
	case err != nil:
		return nil, false, err
	case p.Family != "" && p.Family != r.family:
		h.im.note(RowIssue{Row: r.line, Column: h.im.header("family"), Value: n.Submitted}.says(msg.MovesFamily, p.Number.String(), p.Family, r.family))
	}
	p.Family, p.Holder, p.Published = r.family, r.holder, true
	if h.im.has("standards") {
		p.Standards = r.standards
	}
	if h.im.has("references") {
		p.Citations = r.citations
	}
	// checkPatent is not needed: the holder was found or created, the family
	// staged and the standards resolved among the registry's.
	return p, isNew, h.im.put(ctx, p, prev)
}

// numberType guesses a new patent's type from its kind code.
func numberType(n claimcharts.Number) string {
	switch n.Kind {
	case "U", "U1", "Y", "Y1":
		return "utility_model"
	case "S", "S1":
		return "design"
	}
	return "invention"
}

// numberStatus guesses a new patent's legal status: applications and
// published applications (kind A...) are pending, the rest granted.
func numberStatus(n claimcharts.Number) string {
	if n.Form == claimcharts.FormApplication || strings.HasPrefix(n.Kind, "A") {
		return "pending"
	}
	return "granted"
}

// licensor adds the holder to the pool's licensors once.
func (h *poolHandler) licensor(ctx context.Context, holder string) error {
	if h.licensors[holder] {
		return nil
	}
	p, prev, err := claimcharts.Load[claimcharts.Pool](ctx, h.im.sr.Store, claimcharts.KindPool, h.pool)
	if err != nil {
		return err
	}
	if !slices.Contains(p.Licensors, holder) {
		p.Licensors = append(p.Licensors, holder)
		if err := h.im.put(ctx, p, prev); err != nil {
			return err
		}
	}
	h.im.onCommit = append(h.im.onCommit, func() { h.licensors[holder] = true })
	return nil
}

// entryFacts are what a pool list says of an entry beyond its status: that
// its patent is the family's exemplary member, the claims listed, and
// whether the list gave no date (the entry then took the import's, which
// an export leaves out, since the list never gave it).
type entryFacts struct {
	exemplary bool
	claims    string
	undated   bool
}

// importNotePrefix starts the history note of an entry a pool list admits.
const importNotePrefix = "Imported with the pool list"

// undatedNote marks the import note of a row that gave no date.
const undatedNote = " — no date in the list"

// importNote is the history note of an import: it names the file and the
// row, then the entry's facts, which entryFactsOf reads back.
func (im *importer) importNote(line int, family string, f entryFacts) string {
	note := importNotePrefix
	if im.opts.Source != "" {
		note += " " + strconv.Quote(im.opts.Source)
	}
	note += " (row " + itoa(line) + ")"
	if f.exemplary {
		note += " — exemplary member of family " + family
	}
	if f.undated {
		note += undatedNote
	}
	if f.claims != "" {
		note += " — claims: " + f.claims
	}
	return note
}

// entryFactsOf reads the facts of the latest import note of an entry.
func entryFactsOf(e *claimcharts.Entry) entryFacts {
	for i := len(e.History) - 1; i >= 0; i-- {
		note := e.History[i].Note
		if !strings.HasPrefix(note, importNotePrefix) {
			continue
		}
		f := entryFacts{exemplary: strings.Contains(note, " — exemplary member of family "), undated: strings.Contains(note, undatedNote)}
		if _, claims, ok := strings.Cut(note, " — claims: "); ok {
			f.claims = claims
		}
		return f
	}
	return entryFacts{}
}

// entry stages a member's entry: admitted with the row's date (the import
// date when the list gives none). An application or an entry under review
// moves to admitted; a removed entry is not admitted again; an admitted
// one takes the row's date, family and holder, and a new history note
// when the list's facts about it change.
func (h *poolHandler) entry(ctx context.Context, p *claimcharts.Patent, newPatent bool, r poolRow, facts entryFacts) error {
	im := h.im
	now := im.r.Now()
	date := r.date
	if date == "" {
		date = claimcharts.Date(now.Format(time.DateOnly))
	}
	note := im.importNote(r.line, r.family, facts)
	var e *claimcharts.Entry
	var prev claimcharts.Doc
	var err error = claimcharts.Errorf(claimcharts.ENOTFOUND, "a new patent has no entry")
	if !newPatent {
		e, prev, err = claimcharts.Load[claimcharts.Entry](ctx, im.sr.Store, claimcharts.KindEntry, claimcharts.EntryKey(h.pool, p.Key()))
	}
	switch {
	case claimcharts.ErrorCode(err) == claimcharts.ENOTFOUND:
		e = &claimcharts.Entry{Pool: h.pool, Patent: p.Key(), Status: claimcharts.EntryAdmitted, Effective: date,
			History: []claimcharts.EntryEvent{{Status: claimcharts.EntryAdmitted, Date: date, Note: note, At: now}}}
	case err != nil:
		return err
	case e.Status == claimcharts.EntryRemoved:
		return cellSays("members", p.Number.Submitted, msg.RemovedNotAgain, p.Number.String(), h.pool, string(e.Removed), e.Reason)
	case e.Status != claimcharts.EntryAdmitted:
		e.Apply(claimcharts.StatusChange{Status: claimcharts.EntryAdmitted, Date: date, Note: note}, now)
	default:
		if r.date != "" {
			e.Effective = r.date
		}
		if entryFactsOf(e) != facts {
			e.History = append(e.History, claimcharts.EntryEvent{Status: claimcharts.EntryAdmitted, Date: claimcharts.Date(now.Format(time.DateOnly)), Note: note, At: now})
		}
	}
	e.Family, e.Holder = p.Family, p.Holder
	return im.put(ctx, e, prev)
}
