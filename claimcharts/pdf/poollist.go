package pdf

import (
	"context"
	"io"
	"net/url"
	"strconv"
	"strings"

	"sepportal/claimcharts"
	"sepportal/claimcharts/lists"
)

// PoolList is a pool's patent list as of a day: the rows of the pool-list
// export (one per family and admission date) with the holders' names.
type PoolList struct {
	Pool    *claimcharts.Pool
	AsOf    claimcharts.Date
	Rows    []lists.Row
	Holders map[string]*claimcharts.Organization
	Version string
}

// LoadPoolList reads a pool's list as of a day (empty: today) as actor
// may see it, through the Registry's pool-list export.
func LoadPoolList(ctx context.Context, reg *claimcharts.Registry, actor claimcharts.Actor, pool string, asOf claimcharts.Date) (*PoolList, error) {
	p, err := reg.Pool(ctx, actor, pool)
	if err != nil {
		return nil, err
	}
	l := &PoolList{Pool: p, AsOf: asOf, Holders: map[string]*claimcharts.Organization{}}
	v := claimcharts.NewVersionHash()
	err = lists.Export(ctx, reg, actor, lists.PoolList, lists.Scope{Pool: pool, AsOf: asOf}, func(row lists.Row) error {
		v.Add(row.Cells)
		l.Rows = append(l.Rows, row)
		h := row.Cells["holder"]
		if _, ok := l.Holders[h]; !ok {
			l.Holders[h], _ = reg.Organization(ctx, actor, h)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	l.Version = v.String()
	return l, nil
}

// WritePoolList writes the PDF of a pool's list as of its day.
func WritePoolList(w io.Writer, m Meta, l *PoolList) error {
	lang := m.lang()
	asOf := string(l.AsOf)
	if asOf == "" {
		asOf = day(m)
	}
	name := l.Pool.Name.In(lang)
	title := name + " — " + label(lang, "list_title") + " (" + label(lang, "as_of") + " " + asOf + ")"
	link := m.url(poolPath(l.Pool.Slug))
	d := newDoc(m, page{title: title, pool: name, asOf: asOf, version: l.Version, link: link}, label(lang, "list_subject"), true, l)
	d.heading(title, 0)
	d.fields([][2]string{
		{label(lang, "pool"), name + "  " + link},
		{label(lang, "as_of"), asOf},
		{label(lang, "generated"), m.generated().Format("2006-01-02 15:04 MST")},
		{label(lang, "data_version"), l.Version},
		{label(lang, "family_count"), strconv.Itoa(len(l.Rows))},
	})
	t := d.startTable(smallSize,
		column{label(lang, "family"), 2.2}, column{label(lang, "holder"), 1.8}, column{label(lang, "members"), 3},
		column{label(lang, "standards"), 1.4}, column{label(lang, "references"), 2.2}, column{label(lang, "status"), 1.2},
		column{label(lang, "admitted_on"), 1.1})
	for i, row := range l.Rows {
		c := row.Cells
		if i%100 == 0 {
			d.bookmark(c["family"])
		}
		t.row([]string{familyCell(lang, c), l.holderName(lang, c["holder"]), membersByCountry(c["members"]),
			c["standards"], c["references"], statusCell(lang, c), c["effective"]}, m.url(memberPath(c)))
	}
	d.endTable()
	return d.output(w)
}

// familyCell is a family's code and title.
func familyCell(lang string, c map[string]string) string {
	t := claimcharts.Text{Zh: c["title_zh"], En: c["title_en"]}.In(lang)
	return strings.TrimSpace(c["family"] + "\n" + t)
}

// memberPath is the portal page of a row's exemplary member, or of its
// first member.
func memberPath(c map[string]string) string {
	n := c["exemplary"]
	if n == "" {
		n, _, _ = strings.Cut(c["members"], "\n")
	}
	return "/patents/" + url.PathEscape(strings.TrimSpace(n))
}

// holderName is a holder's name in lang, or its slug when unknown.
func (l *PoolList) holderName(lang, slug string) string {
	if o := l.Holders[slug]; o != nil {
		return o.Name.In(lang)
	}
	return slug
}

// statusCell is a listed family's status: admitted, and when a member was
// removed after the day of the list, the date it was.
func statusCell(lang string, c map[string]string) string {
	s := label(lang, "admitted")
	if r := c["removed"]; r != "" {
		s += "\n" + label(lang, "removed") + " " + r
	}
	return s
}

// membersByCountry groups a family's member numbers (one per line) by the
// office that issued them: "CN: CN 105900101 B; CN 205600101 U".
func membersByCountry(members string) string {
	var order []string
	by := map[string][]string{}
	for _, n := range strings.Split(members, "\n") {
		if n = strings.TrimSpace(n); n == "" {
			continue
		}
		country := "?"
		if num, err := claimcharts.ParseNumber(n); err == nil {
			country = num.Country
		}
		if _, ok := by[country]; !ok {
			order = append(order, country)
		}
		by[country] = append(by[country], n)
	}
	lines := make([]string, len(order))
	for i, c := range order {
		lines[i] = c + ": " + strings.Join(by[c], "; ")
	}
	return strings.Join(lines, "\n")
}
