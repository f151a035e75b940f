package lists

import (
	"context"
	"sort"
	"strings"

	"sepportal/claimcharts"
	"sepportal/claimcharts/msg"
)

// A patents list has one row per patent: number, application number,
// holder, family, type, title, abstract and claims (each in a column that
// holds either language, told apart by script, or in _en and _zh columns),
// dates, legal status, standards, illustrative references and the
// evaluation report of a Chinese utility model or design. A column the
// file has sets its field (an empty cell clears it); a column it lacks
// leaves the field as stored. Claims are numbered, one or more lines each
// ("1. A method...", "2. The method of claim 1..."); a claim depends on the
// first earlier claim its text names, or on the claim an explicit "[n]"
// after its number names ("[0]": independent).

type patentHandler struct{ im *importer }

func (h *patentHandler) finish(context.Context) error { return nil }

func (h *patentHandler) row(ctx context.Context, row Row) error {
	return h.im.unit([]int{row.Line}, func() error { return h.add(ctx, row) })
}

// add stages one patent, and its family if the registry lacks it.
func (h *patentHandler) add(ctx context.Context, row Row) error {
	im := h.im
	v := cell(row, "number")
	if v == "" {
		return emptyCell("number", msg.EmptyNeeds, msg.Noun("patent number"))
	}
	n, err := claimcharts.ParseNumber(v)
	if err != nil {
		return cellErr("number", v, err)
	}
	if first, dup := im.dups.number(n.Key()); dup {
		return cellSays("number", v, msg.ListedAlready, n.String(), first)
	}
	p, prev, err := im.sr.FindPatent(ctx, n)
	isNew := claimcharts.ErrorCode(err) == claimcharts.ENOTFOUND
	switch {
	case isNew:
		p = &claimcharts.Patent{Number: n, Type: numberType(n), LegalStatus: numberStatus(n)}
	case err != nil:
		return err
	case !claimcharts.CanWriteHolder(im.actor, p.Holder) && !claimcharts.SeesPatent(im.actor, p, nil):
		return cellSays("number", v, msg.OwnPatentsOther)
	case !claimcharts.CanWriteHolder(im.actor, p.Holder):
		return cellSays("number", v, msg.OwnPatents, p.Holder)
	}
	if first, dup := im.dups.number(p.Key()); dup {
		return cellSays("number", v, msg.ByApplication, p.Number.String(), first)
	}
	if err := h.apply(ctx, row, p); err != nil {
		return err
	}
	if isNew && p.Holder == "" {
		return cellSays("holder", "", msg.NewPatentHolder)
	}
	if isNew && p.Title.IsZero() {
		return cellSays("title", "", msg.NewPatentTitle)
	}
	if err := h.family(ctx, p); err != nil {
		return err
	}
	if err := im.sr.CheckPatent(ctx, p); err != nil {
		return err
	}
	im.onCommit = append(im.onCommit, func() { im.dups.addNumber(p.Key(), row.Line) })
	return im.put(ctx, p, prev)
}

// apply sets the fields of p that the file has columns for.
func (h *patentHandler) apply(ctx context.Context, row Row, p *claimcharts.Patent) error {
	im := h.im
	var err error
	if v := cell(row, "holder"); v != "" {
		if p.Holder, err = im.holder(ctx, "holder", v); err != nil {
			return err
		}
	}
	if im.has("application") {
		if p.Application, err = applicationNumber(cell(row, "application")); err != nil {
			return err
		}
	}
	if im.has("family") {
		p.Family = ""
		if v := cell(row, "family"); v != "" {
			p.Family = familyID(v)
		}
	}
	if err := h.choices(row, p); err != nil {
		return err
	}
	p.Title = im.text(row, "title", p.Title)
	p.Abstract = im.text(row, "abstract", p.Abstract)
	if p.Claims, err = im.claims(row, p.Claims); err != nil {
		return err
	}
	if err := h.dates(row, p); err != nil {
		return err
	}
	if im.has("standards") || im.has("references") {
		std, cits := im.standardsAndReferences(row)
		if im.has("standards") {
			p.Standards = std
		}
		if im.has("references") {
			p.Citations = cits
		}
	}
	if im.has("evaluation_report") {
		p.EvaluationReport = cell(row, "evaluation_report")
	}
	return nil
}

func applicationNumber(v string) (*claimcharts.Number, error) {
	if v == "" {
		return nil, nil
	}
	n, err := claimcharts.ParseNumber(v)
	if err != nil {
		return nil, cellErr("application", v, err)
	}
	return &n, nil
}

// choices sets the type and the legal status; an empty cell keeps them.
func (h *patentHandler) choices(row Row, p *claimcharts.Patent) error {
	t, err := patentTypes.pick("type", cell(row, "type"))
	if err != nil {
		return err
	}
	s, err := legalStatuses.pick("legal_status", cell(row, "legal_status"))
	if err != nil {
		return err
	}
	if t != "" {
		p.Type = t
	}
	if s != "" {
		p.LegalStatus = s
	}
	return nil
}

func (h *patentHandler) dates(row Row, p *claimcharts.Patent) error {
	for _, d := range []struct {
		field string
		to    *claimcharts.Date
	}{{"priority_date", &p.Dates.Priority}, {"filing_date", &p.Dates.Filing}, {"grant_date", &p.Dates.Grant}, {"expiry_date", &p.Dates.Expiry}} {
		if !h.im.has(d.field) {
			continue
		}
		v, err := parseDate(d.field, cell(row, d.field))
		if err != nil {
			return err
		}
		*d.to = v
	}
	return nil
}

// family creates the patent's family when the registry lacks it.
func (h *patentHandler) family(ctx context.Context, p *claimcharts.Patent) error {
	if p.Family == "" {
		return nil
	}
	_, err := h.im.sr.Store.Get(ctx, claimcharts.KindFamily, p.Family)
	if claimcharts.ErrorCode(err) != claimcharts.ENOTFOUND {
		return err
	}
	f := &claimcharts.Family{ID: p.Family, Holder: p.Holder, Title: p.Title}
	if !claimcharts.CanWriteHolder(h.im.actor, f.Holder) {
		return claimcharts.Forbidden(h.im.actor, msg.ActCreateFamiliesFor, f.Holder)
	}
	return h.im.put(ctx, f, claimcharts.Doc{})
}

// text reads a Text from the field's columns: field (language by script),
// field_en and field_zh. A language with a column is set from it; one
// without keeps old's.
func (im *importer) text(row Row, field string, old claimcharts.Text) claimcharts.Text {
	t := old
	if im.has(field) {
		v := cell(row, field)
		switch {
		case v == "":
			t = claimcharts.Text{}
		case hasHan(v):
			t.Zh = v
		default:
			t.En = v
		}
	}
	if im.has(field + "_en") {
		t.En = cell(row, field+"_en")
	}
	if im.has(field + "_zh") {
		t.Zh = cell(row, field+"_zh")
	}
	return t
}

// claims reads the claims columns (claims, claims_en, claims_zh) into
// claims. The languages the file has columns for are replaced; the others
// are kept from old by claim number.
func (im *importer) claims(row Row, old []claimcharts.Claim) ([]claimcharts.Claim, error) {
	hasEn, hasZh := im.has("claims") || im.has("claims_en"), im.has("claims") || im.has("claims_zh")
	if !hasEn && !hasZh {
		return old, nil
	}
	byNo := map[int]*claimcharts.Claim{}
	for _, c := range old {
		c := c
		if hasEn {
			c.Text.En = ""
		}
		if hasZh {
			c.Text.Zh = ""
		}
		byNo[c.Number] = &c
	}
	deps := map[int]claimText{}
	for _, field := range []string{"claims_en", "claims_zh", "claims"} {
		cts, err := parseClaimTexts(field, cell(row, field))
		if err != nil {
			return nil, err
		}
		for _, ct := range cts {
			c := byNo[ct.number]
			if c == nil {
				c = &claimcharts.Claim{Number: ct.number}
				byNo[ct.number] = c
			}
			if field == "claims_zh" || field == "claims" && hasHan(ct.text) {
				c.Text.Zh = ct.text
			} else {
				c.Text.En = ct.text
			}
			if err := mergeDependency(deps, ct, field); err != nil {
				return nil, err
			}
		}
	}
	return collectClaims(byNo, deps), nil
}

// mergeDependency keeps, per claim, the dependency read first, preferring
// an explicit one; two explicit ones that differ are an error.
func mergeDependency(deps map[int]claimText, ct claimText, field string) error {
	d, seen := deps[ct.number]
	switch {
	case !seen || ct.explicit && !d.explicit:
		deps[ct.number] = ct
	case ct.explicit && d.explicit && ct.dependsOn != d.dependsOn:
		return cellSays(field, ct.text, msg.DependsTwice, ct.number, ct.dependsOn, d.dependsOn)
	}
	return nil
}

// collectClaims orders claims by number, dropping those left without text.
func collectClaims(byNo map[int]*claimcharts.Claim, deps map[int]claimText) []claimcharts.Claim {
	var out []claimcharts.Claim
	for n, c := range byNo {
		if c.Text.IsZero() {
			continue
		}
		if d, ok := deps[n]; ok {
			c.DependsOn = d.dependsOn
		}
		out = append(out, *c)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Number < out[j].Number })
	return out
}

// formatClaims writes the claims in one language as parseClaimTexts reads
// them: "N. text", with "[d]" after the number when the claim's
// dependency is not the one its text names.
func formatClaims(claims []claimcharts.Claim, lang string) string {
	var lines []string
	for _, c := range claims {
		text := c.Text.En
		if lang == "zh" {
			text = c.Text.Zh
		}
		if text == "" {
			continue
		}
		line := itoa(c.Number) + ". "
		if c.DependsOn != defaultDependency(c) {
			line += "[" + itoa(c.DependsOn) + "] "
		}
		lines = append(lines, line+text)
	}
	return strings.Join(lines, "\n")
}

// defaultDependency is the dependency the import infers for c without an
// explicit one: from its English text, else its Chinese.
func defaultDependency(c claimcharts.Claim) int {
	if c.Text.En != "" {
		return inferDependency(c.Number, c.Text.En)
	}
	return inferDependency(c.Number, c.Text.Zh)
}
