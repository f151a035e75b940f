package lists

import (
	"context"
	"slices"
	"strings"

	"sepportal/claimcharts"
	"sepportal/claimcharts/msg"
)

// Scope selects the records a list export holds.
type Scope struct {
	// Pool selects a pool's list: its admitted families for a pool list,
	// the patents on it and their charts for the other kinds.
	Pool string
	// Holder selects one organization's patents or charts.
	Holder string
	// AsOf selects a pool list as it was on that day (Entry.ListedOn);
	// empty means the list as it is now.
	AsOf claimcharts.Date
}

// Export emits, row by row, the records of a kind of list that actor
// may see, in the shape Import reads back to the same records. Pool lists
// need scope.Pool and hold the pool's admitted families, which are public.
func Export(ctx context.Context, r *claimcharts.Registry, actor claimcharts.Actor, kind Kind, scope Scope, emit func(Row) error) error {
	switch kind {
	case PoolList:
		if scope.Pool == "" {
			return claimcharts.Says(claimcharts.EINVALID, msg.PoolListPool).With(claimcharts.Because("pool", msg.Required))
		}
		return exportPoolList(ctx, r, actor, scope.Pool, scope.AsOf, emit)
	case Patents:
		return eachPatent(ctx, r, actor, scope, func(p *claimcharts.Patent) error { return emit(patentRow(p)) })
	case Charts:
		return eachChart(ctx, r, actor, scope, func(c *claimcharts.Chart) error {
			for _, row := range chartRows(c) {
				if err := emit(row); err != nil {
					return err
				}
			}
			return nil
		})
	}
	return KindError(kind)
}

// eachPage calls fn for every item of a list, page by page.
func eachPage[T any](ctx context.Context, fetch func(context.Context, claimcharts.ListOptions) ([]T, string, error), where map[string]string, fn func(T) error) error {
	opts := claimcharts.ListOptions{Where: where, Limit: claimcharts.MaxLimit}
	for {
		items, next, err := fetch(ctx, opts)
		if err != nil {
			return err
		}
		for _, it := range items {
			if err := fn(it); err != nil {
				return err
			}
		}
		if next == "" {
			return nil
		}
		opts.After = next
	}
}

// listActor is who a list export reads as: administrators see every
// record, others read the public list (admitted entries are public).
func listActor(actor claimcharts.Actor) claimcharts.Actor {
	if actor.IsAdmin() {
		return actor
	}
	return claimcharts.Actor{}
}

// exportPoolList emits one row per family of a pool listed on asOf (one
// per admission date, when its members were admitted on several).
func exportPoolList(ctx context.Context, r *claimcharts.Registry, actor claimcharts.Actor, pool string, asOf claimcharts.Date, emit func(Row) error) error {
	reader := listActor(actor)
	if _, err := r.Pool(ctx, reader, pool); err != nil {
		return err
	}
	done := map[string]bool{}
	holders := holderNamer(ctx, r, reader)
	entries := func(ctx context.Context, o claimcharts.ListOptions) ([]*claimcharts.Entry, string, error) {
		return r.Entries(ctx, reader, pool, o)
	}
	where := map[string]string{"status": claimcharts.EntryAdmitted}
	if asOf != "" {
		where = nil // removed entries were on the list before their removal
	}
	return eachPage(ctx, entries, where, func(e *claimcharts.Entry) error {
		if !e.ListedOn(asOf) || e.Family != "" && done[e.Family] {
			return nil
		}
		done[e.Family] = true
		members, err := familyMembers(ctx, r, reader, pool, e, asOf)
		if err != nil {
			return err
		}
		fam, _ := r.Family(ctx, reader, e.Family)
		for _, row := range poolListRows(fam, members, holders) {
			if err := emit(row); err != nil {
				return err
			}
		}
		return nil
	})
}

// member is a patent with its entry on a pool.
type member struct {
	p *claimcharts.Patent
	e *claimcharts.Entry
	// listed is the day the member came on the list that is exported: its
	// latest admission, or the start of the spell that holds the list's day.
	listed claimcharts.Date
}

// newMember is p with its entry e on the list as of asOf (the list as it
// is now when empty).
func newMember(p *claimcharts.Patent, e *claimcharts.Entry, asOf claimcharts.Date) member {
	m := member{p: p, e: e, listed: e.Effective}
	if s, ok := e.SpellOn(asOf); asOf != "" && ok {
		m.listed = s.From
	}
	return m
}

// familyMembers returns the members of e's family listed on pool on asOf,
// or e's patent alone when it has no family.
func familyMembers(ctx context.Context, r *claimcharts.Registry, reader claimcharts.Actor, pool string, e *claimcharts.Entry, asOf claimcharts.Date) ([]member, error) {
	if e.Family == "" {
		p, err := r.Patent(ctx, reader, e.Patent)
		if err != nil {
			return nil, err
		}
		return []member{newMember(p, e, asOf)}, nil
	}
	var out []member
	patents := func(ctx context.Context, o claimcharts.ListOptions) ([]*claimcharts.Patent, string, error) {
		return r.Patents(ctx, reader, o)
	}
	err := eachPage(ctx, patents, map[string]string{"family": e.Family}, func(p *claimcharts.Patent) error {
		me, _, err := claimcharts.Load[claimcharts.Entry](ctx, r.Store, claimcharts.KindEntry, claimcharts.EntryKey(pool, p.Key()))
		if claimcharts.ErrorCode(err) == claimcharts.ENOTFOUND || err == nil && !me.ListedOn(asOf) {
			return nil
		}
		if err == nil {
			out = append(out, newMember(p, me, asOf))
		}
		return err
	})
	return out, err
}

// holderNamer returns a function naming a holder as a list writes it: the
// organization's name (the one an import made it from), or its slug when
// reader may not see it. It reads each organization once.
func holderNamer(ctx context.Context, r *claimcharts.Registry, reader claimcharts.Actor) func(string) string {
	names := map[string]string{}
	return func(slug string) string {
		if n, ok := names[slug]; ok {
			return n
		}
		n := slug
		if o, err := r.Organization(ctx, reader, slug); err == nil && !o.Name.IsZero() {
			n = o.Name.In("en")
		}
		names[slug] = n
		return n
	}
}

// poolListRows writes a family's admitted members, one row per admission
// date as the list gave it (the members it gave no date share a row): the
// family's facts come from the first member's patent and the
// entries' import notes; the first row also lists the family's numbers that
// could not be read, as written.
func poolListRows(fam *claimcharts.Family, members []member, holderName func(string) string) []Row {
	var rows []Row
	byDate := map[claimcharts.Date]int{}
	for _, m := range members {
		facts := entryFactsOf(m.e)
		i, ok := byDate[listedDate(m, facts)]
		if !ok {
			i = len(rows)
			byDate[listedDate(m, facts)] = i
			rows = append(rows, Row{Cells: poolListCells(fam, m, holderName)})
		}
		c := rows[i].Cells
		if facts.claims != "" && !facts.exemplary {
			// Without an exemplary member the claims are the first member's.
			c["members"] = joinLine(m.p.Number.Submitted, c["members"])
		} else {
			c["members"] = joinLine(c["members"], m.p.Number.Submitted)
		}
		if m.e.Status == claimcharts.EntryRemoved {
			c["removed"] = string(m.e.Removed) // the status cell of published lists
		}
		if facts.exemplary {
			c["exemplary"] = m.p.Number.Submitted
		}
		if facts.claims != "" {
			c["claims"] = facts.claims
		}
	}
	if fam != nil && len(rows) > 0 {
		// The numbers the import could not read go back as written, so that
		// the list exported is the list imported.
		for _, u := range fam.Unread {
			rows[0].Cells["members"] = joinLine(rows[0].Cells["members"], u)
		}
	}
	return rows
}

// poolListCells are the cells a family's row takes from its first member:
// the holder by name, the family by its code as written, the date only
// when the list gave one, the standards by name.
func poolListCells(fam *claimcharts.Family, m member, holderName func(string) string) map[string]string {
	c := map[string]string{"holder": holderName(m.e.Holder), "effective": string(listedDate(m, entryFactsOf(m.e))),
		"standards": strings.Join(standardNames(m.p), "\n"), "references": claimcharts.FormatCitations(m.p.Citations)}
	if fam != nil {
		c["family"], c["title_en"], c["title_zh"] = fam.ID, fam.Title.En, fam.Title.Zh
		if fam.Code != "" {
			c["family"] = fam.Code
		}
	}
	return c
}

// listedDate is the member's date as the list gave it: none when the list
// gave none (the entry then took the import's date).
func listedDate(m member, f entryFacts) claimcharts.Date {
	if f.undated {
		return ""
	}
	return m.listed
}

// standardNames names a patent's standards as its references write them:
// a registry standard by the name a reference gives it (its slug when none
// does), then the standards the references name that the registry does not
// hold. Each name reads back to the same standard.
func standardNames(p *claimcharts.Patent) []string {
	var names []string
	add := func(n string) {
		if n != "" && !slices.Contains(names, n) {
			names = append(names, n)
		}
	}
	for _, slug := range p.Standards {
		name := slug
		for _, c := range p.Citations {
			if c.Slug == slug {
				name = c.Standard
				break
			}
		}
		add(name)
	}
	for _, c := range p.Citations {
		if c.Slug == "" {
			add(c.Standard)
		}
	}
	return names
}

func joinLine(a, b string) string {
	if a == "" || b == "" {
		return a + b
	}
	return a + "\n" + b
}

// eachPatent calls fn for the patents of scope that actor may see.
func eachPatent(ctx context.Context, r *claimcharts.Registry, actor claimcharts.Actor, scope Scope, fn func(*claimcharts.Patent) error) error {
	if scope.Pool == "" {
		return eachPage(ctx, func(ctx context.Context, o claimcharts.ListOptions) ([]*claimcharts.Patent, string, error) {
			return r.Patents(ctx, actor, o)
		},
			map[string]string{"holder": scope.Holder}, fn)
	}
	reader := listActor(actor)
	entries := func(ctx context.Context, o claimcharts.ListOptions) ([]*claimcharts.Entry, string, error) {
		return r.Entries(ctx, reader, scope.Pool, o)
	}
	return eachPage(ctx, entries, map[string]string{"holder": scope.Holder}, func(e *claimcharts.Entry) error {
		p, err := r.Patent(ctx, actor, e.Patent)
		if claimcharts.ErrorCode(err) == claimcharts.ENOTFOUND {
			return nil
		}
		if err != nil {
			return err
		}
		return fn(p)
	})
}

// patentRow is a patent as a patents list writes it.
func patentRow(p *claimcharts.Patent) Row {
	c := map[string]string{"number": p.Number.Submitted, "holder": p.Holder, "family": p.Family, "type": p.Type,
		"title_en": p.Title.En, "title_zh": p.Title.Zh, "abstract_en": p.Abstract.En, "abstract_zh": p.Abstract.Zh,
		"claims_en": formatClaims(p.Claims, "en"), "claims_zh": formatClaims(p.Claims, "zh"),
		"priority_date": string(p.Dates.Priority), "filing_date": string(p.Dates.Filing), "grant_date": string(p.Dates.Grant),
		"expiry_date": string(p.Dates.Expiry), "legal_status": p.LegalStatus, "standards": strings.Join(p.Standards, "\n"),
		"references": claimcharts.FormatCitations(p.Citations), "evaluation_report": p.EvaluationReport}
	if p.Application != nil {
		c["application"] = p.Application.Submitted
	}
	return Row{Cells: c}
}

// eachChart calls fn for the charts of scope that actor may see.
func eachChart(ctx context.Context, r *claimcharts.Registry, actor claimcharts.Actor, scope Scope, fn func(*claimcharts.Chart) error) error {
	charts := func(ctx context.Context, o claimcharts.ListOptions) ([]*claimcharts.Chart, string, error) {
		return r.Charts(ctx, actor, o)
	}
	if scope.Pool == "" {
		return eachPage(ctx, charts, map[string]string{"holder": scope.Holder}, fn)
	}
	return eachPatent(ctx, r, actor, scope, func(p *claimcharts.Patent) error {
		return eachPage(ctx, charts, map[string]string{"patent": p.Key()}, fn)
	})
}

// chartRows writes a chart as a charts list does: a row per mapping (or
// per element without one), with a revision's note on its first row and
// an element's text on its first row.
func chartRows(c *claimcharts.Chart) []Row {
	var rows []Row
	for _, rev := range c.Revisions {
		for i, e := range rev.Elements {
			maps := e.Mappings
			if len(maps) == 0 {
				maps = []claimcharts.Mapping{{}}
			}
			for j, m := range maps {
				cells := map[string]string{"patent": c.Patent, "claim": itoa(c.Claim), "standard": c.Standard,
					"revision": itoa(rev.No), "status": rev.Status, "element": e.Label, "reference": m.Ref, "quote": m.Quote,
					"explanation_en": m.Explanation.En, "explanation_zh": m.Explanation.Zh}
				if i == 0 && j == 0 {
					cells["note"] = rev.Note
				}
				if j == 0 {
					cells["element_text_en"], cells["element_text_zh"] = e.Text.En, e.Text.Zh
				}
				rows = append(rows, Row{Cells: cells})
			}
		}
	}
	return rows
}
