package corpus

import (
	"context"
	"fmt"
	"strings"

	"sepportal/claimcharts"
)

// patent writes patent i with its family (for every third), its pool
// entry, a one-element chart and the published determination.
func (g *generator) patent(ctx context.Context, i int) error {
	r := g.rng(i / 3) // family members share their text
	fam := i / 3
	wifi := fam%3 == 2
	w := g.words(r, wifi)
	holder := HolderSlug(fam % Holders)
	p, err := g.newPatent(i, fam, holder, w, wifi)
	if err != nil {
		return err
	}
	if i%3 == 0 {
		f := &claimcharts.Family{ID: familyID(fam), Holder: holder, Title: p.Title, Published: true, Meta: g.meta()}
		if err := g.put(ctx, f); err != nil {
			return err
		}
		g.sum.Families++
	}
	if err := g.put(ctx, p); err != nil {
		return err
	}
	if err := g.text(p.Key(), patentText(p)); err != nil {
		return err
	}
	g.sum.Patents++
	key := p.Key()
	admitted := p.Dates.Grant
	e := &claimcharts.Entry{Pool: Pool, Patent: key, Family: p.Family, Holder: holder, Status: claimcharts.EntryAdmitted,
		Effective: admitted, Meta: g.meta(),
		History: []claimcharts.EntryEvent{{Status: claimcharts.EntryApplied, Date: admitted, At: g.now}, {Status: claimcharts.EntryAdmitted, Date: admitted, At: g.now}}}
	if p.LegalStatus == "expired" {
		e.Status, e.Removed, e.Reason = claimcharts.EntryRemoved, p.Dates.Expiry, "expired"
	}
	if err := g.put(ctx, e); err != nil {
		return err
	}
	g.sum.Entries++
	c := g.chart(i, key, holder, w, wifi, p)
	if err := g.put(ctx, c); err != nil {
		return err
	}
	for _, el := range c.Revisions[0].Elements {
		if err := g.text(c.ID+"#"+el.Label, elementText(el)); err != nil {
			return err
		}
	}
	g.sum.Charts++
	d := &claimcharts.Determination{ID: claimcharts.DeterminationID(Pool, c.ID, 1), Pool: Pool, Patent: key, Chart: c.ID,
		Revision: 1, Rule: "unanimous", Result: claimcharts.Essential, Status: claimcharts.StatusPublished, DecidedOn: admitted,
		PublishedAt: &g.now, Meta: g.meta(),
		Note: claimcharts.Text{En: "Every element reads on the cited sections.", Zh: "各要素均对应所引章节。"}}
	if err := g.put(ctx, d); err != nil {
		return err
	}
	g.sum.Determinations++
	return nil
}

func familyID(fam int) string { return fmt.Sprintf("fam-bench-%07d", fam) }

// newPatent builds patent i: number, dates, titles, abstract and claims.
func (g *generator) newPatent(i, fam int, holder string, w []term, wifi bool) (*claimcharts.Patent, error) {
	r := g.rng(i)
	submitted, typ := Number(i)
	num, err := claimcharts.ParseNumber(submitted)
	if err != nil {
		return nil, fmt.Errorf("corpus number %q: %w", submitted, err)
	}
	std := VideoStandard
	if wifi {
		std = WiFiStandard
	}
	tz, te := title(g.rng(fam), w, wifi)
	az, ae := abstract(r, w)
	cz, ce := claimText(r, w, wifi, 3+r.IntN(3))
	if len(g.opts.Claims) > 0 && i%5 == 0 {
		ce = g.opts.Claims[(i/5)%len(g.opts.Claims)]
		g.sum.RealClaims++
	}
	dz, de := step(r, w)
	p := &claimcharts.Patent{Number: num, Family: familyID(fam), Holder: holder, Type: typ,
		Title: claimcharts.Text{Zh: tz, En: te}, Abstract: claimcharts.Text{Zh: az, En: ae},
		Claims: []claimcharts.Claim{{Number: 1, Text: claimcharts.Text{Zh: cz, En: ce}},
			{Number: 2, DependsOn: 1, Text: claimcharts.Text{Zh: "根据权利要求1所述的方法，其中" + dz + "。", En: "The method of claim 1, wherein " + de + "."}}},
		Dates: dates(i, typ), Standards: []string{std}, Published: true, Meta: g.meta()}
	p.LegalStatus = "granted"
	if p.Dates.Expiry < "2025-11-01" {
		p.LegalStatus = "expired"
	}
	return p, nil
}

// dates spreads filings over 2003–2021; grants follow in two to four
// years, expiry twenty years after filing (ten for utility models).
func dates(i int, typ string) claimcharts.Dates {
	y, m, d := 2003+i%19, 1+i%12, 1+i%28
	term := 20
	if typ == "utility_model" {
		term = 10
	}
	f := func(y, m int) claimcharts.Date { return claimcharts.Date(fmt.Sprintf("%04d-%02d-%02d", y, m, d)) }
	return claimcharts.Dates{Priority: f(y, m), Filing: f(y+m/12, m%12+1), Grant: f(y+2+i%3, m), Expiry: f(y+term+m/12, m%12+1)}
}

// chart is a published one-element chart of claim 1; every tenth patent
// gets two elements.
func (g *generator) chart(i int, key, holder string, w []term, wifi bool, p *claimcharts.Patent) *claimcharts.Chart {
	r := g.rng(i + 1<<40)
	std := g.stds[0]
	if wifi {
		std = g.stds[1]
	}
	labels := refLabels(std)
	n := 1
	if i%10 == 0 {
		n = 2
	}
	var els []claimcharts.Element
	for k := range n {
		zh, en := step(r, w)
		ref := labels[r.IntN(len(labels))]
		refTitle, _ := std.Reference(ref)
		els = append(els, claimcharts.Element{Label: fmt.Sprintf("1[%c]", 'a'+k), Text: claimcharts.Text{Zh: zh, En: en},
			Mappings: []claimcharts.Mapping{{Ref: ref, Quote: refTitle.Text,
				Explanation: claimcharts.Text{En: "The section specifies " + strings.ToLower(refTitle.Title.En) + ".", Zh: "该章节规定了" + refTitle.Title.Zh + "。"}}}})
	}
	at := g.now
	return &claimcharts.Chart{ID: claimcharts.ChartID(key, 1, std.Slug), Patent: key, Claim: 1, Standard: std.Slug, Holder: holder,
		PublishedRevision: 1, Meta: g.meta(),
		Revisions: []claimcharts.Revision{{No: 1, Status: claimcharts.RevisionSubmitted, Elements: els, SubmittedAt: &at}}}
}

// text hands a document's text to Options.Text.
func (g *generator) text(id string, t []claimcharts.Text) error {
	if g.opts.Text == nil {
		return nil
	}
	var en, zh []string
	for _, x := range t {
		en, zh = append(en, x.En), append(zh, x.Zh)
	}
	return g.opts.Text(id, strings.Join(en, " "), strings.Join(zh, " "))
}

// patentText is a patent's searchable text: title, abstract and claims.
func patentText(p *claimcharts.Patent) []claimcharts.Text {
	t := []claimcharts.Text{p.Title, p.Abstract}
	for _, c := range p.Claims {
		t = append(t, c.Text)
	}
	return t
}

// elementText is a chart element's searchable text: the element, and each
// mapping's quote and explanation.
func elementText(el claimcharts.Element) []claimcharts.Text {
	t := []claimcharts.Text{el.Text}
	for _, m := range el.Mappings {
		t = append(t, claimcharts.Text{En: m.Quote}, m.Explanation)
	}
	return t
}
