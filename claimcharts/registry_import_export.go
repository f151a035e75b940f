package claimcharts

import (
	"context"
	"strings"
)

// ListField is a column of a kind of list.
type ListField struct {
	// Name is the field's name: the key of ListRow.Cells, and of the
	// objects of a JSON Lines list.
	Name string
	// Multi marks a field of several values, one per line; JSON Lines
	// writes them as an array.
	Multi bool
	// Export marks the fields exports write. A text column of either
	// language ("title") is read but written as its _en and _zh columns.
	Export bool
}

// listFields are the columns of each kind of list, in the order exports
// write them.
var listFields = map[ListKind][]ListField{
	ListPool: {{"family", false, true}, {"holder", false, true}, {"exemplary", false, true}, {"members", true, true},
		{"claims", false, true}, {"standards", true, true}, {"references", true, true}, {"effective", false, true},
		{"title", false, false}, {"title_en", false, true}, {"title_zh", false, true}},
	ListPatents: {{"number", false, true}, {"application", false, true}, {"holder", false, true}, {"family", false, true},
		{"type", false, true}, {"title", false, false}, {"title_en", false, true}, {"title_zh", false, true},
		{"abstract", false, false}, {"abstract_en", false, true}, {"abstract_zh", false, true},
		{"claims", false, false}, {"claims_en", false, true}, {"claims_zh", false, true},
		{"priority_date", false, true}, {"filing_date", false, true}, {"grant_date", false, true}, {"expiry_date", false, true},
		{"legal_status", false, true}, {"standards", true, true}, {"references", true, true}, {"evaluation_report", false, true}},
	ListCharts: {{"patent", false, true}, {"claim", false, true}, {"standard", false, true}, {"revision", false, true},
		{"status", false, true}, {"note", false, true}, {"element", false, true}, {"element_text", false, false},
		{"element_text_en", false, true}, {"element_text_zh", false, true}, {"reference", false, true}, {"quote", false, true},
		{"explanation", false, false}, {"explanation_en", false, true}, {"explanation_zh", false, true}},
}

// ListFields returns the columns of a kind of list.
func ListFields(kind ListKind) []ListField { return listFields[kind] }

// ExportScope selects the records a list export holds.
type ExportScope struct {
	// Pool selects a pool's list: its admitted families for a pool list,
	// the patents on it and their charts for the other kinds.
	Pool string
	// Holder selects one organization's patents or charts.
	Holder string
	// AsOf selects a pool list as it was on that day (Entry.ListedOn);
	// empty means the list as it is now.
	AsOf Date
}

// ExportList emits, row by row, the records of a kind of list that actor
// may see, in the shape Import reads back to the same records. Pool lists
// need scope.Pool and hold the pool's admitted families, which are public.
func (r *Registry) ExportList(ctx context.Context, actor Actor, kind ListKind, scope ExportScope, emit func(ListRow) error) error {
	switch kind {
	case ListPool:
		if scope.Pool == "" {
			return Invalid("a pool list export needs its pool", FieldError{Path: "pool", Reason: "is required"})
		}
		return r.exportPoolList(ctx, actor, scope.Pool, scope.AsOf, emit)
	case ListPatents:
		return r.eachPatent(ctx, actor, scope, func(p *Patent) error { return emit(patentRow(p)) })
	case ListCharts:
		return r.eachChart(ctx, actor, scope, func(c *Chart) error {
			for _, row := range chartRows(c) {
				if err := emit(row); err != nil {
					return err
				}
			}
			return nil
		})
	}
	return Errorf(EINVALID, "unknown kind of list %q", kind)
}

// eachPage calls fn for every item of a list, page by page.
func eachPage[T any](ctx context.Context, fetch func(context.Context, ListOptions) ([]T, string, error), where map[string]string, fn func(T) error) error {
	opts := ListOptions{Where: where, Limit: MaxLimit}
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
func listActor(actor Actor) Actor {
	if actor.IsAdmin() {
		return actor
	}
	return Actor{}
}

// exportPoolList emits one row per family of a pool listed on asOf (one
// per admission date, when its members were admitted on several).
func (r *Registry) exportPoolList(ctx context.Context, actor Actor, pool string, asOf Date, emit func(ListRow) error) error {
	reader := listActor(actor)
	if _, err := r.Pool(ctx, reader, pool); err != nil {
		return err
	}
	done := map[string]bool{}
	entries := func(ctx context.Context, o ListOptions) ([]*Entry, string, error) {
		return r.Entries(ctx, reader, pool, o)
	}
	where := map[string]string{"status": EntryAdmitted}
	if asOf != "" {
		where = nil // removed entries were on the list before their removal
	}
	return eachPage(ctx, entries, where, func(e *Entry) error {
		if !e.ListedOn(asOf) || e.Family != "" && done[e.Family] {
			return nil
		}
		done[e.Family] = true
		members, err := r.familyMembers(ctx, reader, pool, e, asOf)
		if err != nil {
			return err
		}
		fam, _ := r.Family(ctx, reader, e.Family)
		for _, row := range poolListRows(fam, members) {
			if err := emit(row); err != nil {
				return err
			}
		}
		return nil
	})
}

// member is a patent with its entry on a pool.
type member struct {
	p *Patent
	e *Entry
}

// familyMembers returns the members of e's family listed on pool on asOf,
// or e's patent alone when it has no family.
func (r *Registry) familyMembers(ctx context.Context, reader Actor, pool string, e *Entry, asOf Date) ([]member, error) {
	if e.Family == "" {
		p, err := r.Patent(ctx, reader, e.Patent)
		if err != nil {
			return nil, err
		}
		return []member{{p, e}}, nil
	}
	var out []member
	patents := func(ctx context.Context, o ListOptions) ([]*Patent, string, error) { return r.Patents(ctx, reader, o) }
	err := eachPage(ctx, patents, map[string]string{"family": e.Family}, func(p *Patent) error {
		me, _, err := load[Entry](ctx, r.Store, KindEntry, EntryKey(pool, p.Key()))
		if ErrorCode(err) == ENOTFOUND || err == nil && !me.ListedOn(asOf) {
			return nil
		}
		if err == nil {
			out = append(out, member{p, me})
		}
		return err
	})
	return out, err
}

// poolListRows writes a family's admitted members, one row per admission
// date: the family's facts come from the first member's patent and the
// entries' import notes.
func poolListRows(fam *Family, members []member) []ListRow {
	var rows []ListRow
	byDate := map[Date]int{}
	for _, m := range members {
		i, ok := byDate[m.e.Effective]
		if !ok {
			i = len(rows)
			byDate[m.e.Effective] = i
			rows = append(rows, ListRow{Cells: poolListCells(fam, m)})
		}
		c := rows[i].Cells
		c["members"] = joinLine(c["members"], m.p.Number.Submitted)
		if m.e.Status == EntryRemoved {
			c["removed"] = string(m.e.Removed) // the status cell of published lists
		}
		facts := entryFactsOf(m.e)
		if facts.exemplary {
			c["exemplary"] = m.p.Number.Submitted
		}
		if facts.claims != "" {
			c["claims"] = facts.claims
		}
	}
	return rows
}

func poolListCells(fam *Family, m member) map[string]string {
	c := map[string]string{"holder": m.e.Holder, "effective": string(m.e.Effective),
		"standards": strings.Join(m.p.Standards, "\n"), "references": FormatCitations(m.p.Citations)}
	if fam != nil {
		c["family"], c["title_en"], c["title_zh"] = fam.ID, fam.Title.En, fam.Title.Zh
	}
	return c
}

func joinLine(a, b string) string {
	if a == "" {
		return b
	}
	return a + "\n" + b
}

// eachPatent calls fn for the patents of scope that actor may see.
func (r *Registry) eachPatent(ctx context.Context, actor Actor, scope ExportScope, fn func(*Patent) error) error {
	if scope.Pool == "" {
		return eachPage(ctx, func(ctx context.Context, o ListOptions) ([]*Patent, string, error) { return r.Patents(ctx, actor, o) },
			map[string]string{"holder": scope.Holder}, fn)
	}
	reader := listActor(actor)
	entries := func(ctx context.Context, o ListOptions) ([]*Entry, string, error) {
		return r.Entries(ctx, reader, scope.Pool, o)
	}
	return eachPage(ctx, entries, map[string]string{"holder": scope.Holder}, func(e *Entry) error {
		p, err := r.Patent(ctx, actor, e.Patent)
		if ErrorCode(err) == ENOTFOUND {
			return nil
		}
		if err != nil {
			return err
		}
		return fn(p)
	})
}

// patentRow is a patent as a patents list writes it.
func patentRow(p *Patent) ListRow {
	c := map[string]string{"number": p.Number.Submitted, "holder": p.Holder, "family": p.Family, "type": p.Type,
		"title_en": p.Title.En, "title_zh": p.Title.Zh, "abstract_en": p.Abstract.En, "abstract_zh": p.Abstract.Zh,
		"claims_en": formatClaims(p.Claims, "en"), "claims_zh": formatClaims(p.Claims, "zh"),
		"priority_date": string(p.Dates.Priority), "filing_date": string(p.Dates.Filing), "grant_date": string(p.Dates.Grant),
		"expiry_date": string(p.Dates.Expiry), "legal_status": p.LegalStatus, "standards": strings.Join(p.Standards, "\n"),
		"references": FormatCitations(p.Citations), "evaluation_report": p.EvaluationReport}
	if p.Application != nil {
		c["application"] = p.Application.Submitted
	}
	return ListRow{Cells: c}
}

// eachChart calls fn for the charts of scope that actor may see.
func (r *Registry) eachChart(ctx context.Context, actor Actor, scope ExportScope, fn func(*Chart) error) error {
	charts := func(ctx context.Context, o ListOptions) ([]*Chart, string, error) { return r.Charts(ctx, actor, o) }
	if scope.Pool == "" {
		return eachPage(ctx, charts, map[string]string{"holder": scope.Holder}, fn)
	}
	return r.eachPatent(ctx, actor, scope, func(p *Patent) error {
		return eachPage(ctx, charts, map[string]string{"patent": p.Key()}, fn)
	})
}

// chartRows writes a chart as a charts list does: a row per mapping (or
// per element without one), with a revision's note on its first row and
// an element's text on its first row.
func chartRows(c *Chart) []ListRow {
	var rows []ListRow
	for _, rev := range c.Revisions {
		for i, e := range rev.Elements {
			maps := e.Mappings
			if len(maps) == 0 {
				maps = []Mapping{{}}
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
				rows = append(rows, ListRow{Cells: cells})
			}
		}
	}
	return rows
}

// LinkCitations links citations to the registry's standards as they are
// now (LinkCitations): for readers that want a citation stored before its
// standard was added to point at it, without waiting for the next import.
func (r *Registry) LinkCitations(ctx context.Context, cits []Citation) ([]Citation, error) {
	standards, err := allRecords[Standard](ctx, r.Store, KindStandard)
	if err != nil {
		return nil, err
	}
	return LinkCitations(append([]Citation(nil), cits...), standards), nil
}
