package lists

import (
	"context"
	"strings"

	"sepportal/claimcharts"
	"sepportal/claimcharts/msg"
)

// holderIndex finds the organization a list's holder cell names: by slug,
// by its Chinese or English name (case and spacing aside), or by the slug
// SlugFromName makes of the cell. It holds the registry's organizations,
// which stay few.
type holderIndex struct {
	bySlug map[string]bool
	byName map[string]string
	// created are the slugs of organizations staged in the batch in the
	// making, and writing those of the batch being written: each is
	// forgotten if its batch is not written.
	created, writing []string
}

func (h *holderIndex) load(ctx context.Context, s claimcharts.Store) error {
	orgs, err := claimcharts.All[claimcharts.Organization](ctx, s, claimcharts.KindOrganization)
	if err != nil {
		return err
	}
	h.bySlug, h.byName = map[string]bool{}, map[string]string{}
	for _, o := range orgs {
		h.add(o)
	}
	return nil
}

func (h *holderIndex) add(o *claimcharts.Organization) {
	h.bySlug[o.Slug] = true
	for _, n := range []string{o.Name.Zh, o.Name.En} {
		if n != "" {
			h.byName[holderName(n)] = o.Slug
		}
	}
}

// forgetCreated drops the organizations staged in the batch being
// written and in the batch staged on top of it, neither of which is
// written: the first failed, and the second is refused with it. It walks
// the names once, whatever the number of organizations.
func (h *holderIndex) forgetCreated() {
	gone := make(map[string]bool, len(h.created)+len(h.writing))
	for _, slug := range append(h.created, h.writing...) {
		gone[slug] = true
		delete(h.bySlug, slug)
	}
	if len(gone) > 0 {
		for n, s := range h.byName {
			if gone[s] {
				delete(h.byName, n)
			}
		}
	}
	h.created, h.writing = nil, nil
}

// handOver moves the organizations staged in the batch in the making to
// the batch being written, when the batch is taken for writing.
func (h *holderIndex) handOver() { h.created, h.writing = nil, h.created }

// written forgets which organizations the batch just written created:
// they are in the store now.
func (h *holderIndex) written() { h.writing = nil }

// holderName is a name reduced for matching.
func holderName(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(claimcharts.FoldWidth(s)), " "))
}

// lookup returns the slug of the organization value names, if it is known.
func (h *holderIndex) lookup(value string) (string, bool) {
	if slug := strings.ToLower(strings.TrimSpace(value)); h.bySlug[slug] {
		return slug, true
	}
	if slug, ok := h.byName[holderName(value)]; ok {
		return slug, true
	}
	if slug := SlugFromName("org", value); h.bySlug[slug] {
		return slug, true
	}
	return "", false
}

// holder resolves a holder cell to an organization slug. An administrator's
// import creates an organization (role licensor) for a name the registry
// does not know, keyed by SlugFromName; a licensor imports only its own
// organization's records.
func (im *importer) holder(ctx context.Context, field, value string) (string, error) {
	if value == "" {
		return "", emptyCell(field, msg.EmptyNeeds, msg.Noun("patent holder"))
	}
	slug, ok := im.holders.lookup(value)
	if !ok {
		slug = SlugFromName("org", value)
		if _, err := im.sr.Store.Get(ctx, claimcharts.KindOrganization, slug); err == nil {
			ok = true
		} else if claimcharts.ErrorCode(err) != claimcharts.ENOTFOUND {
			return "", err
		}
	}
	if im.actor.Role == claimcharts.RoleLicensor && slug != im.actor.Organization {
		return "", cellSays(field, value, msg.OwnOrganization, im.actor.Organization, value)
	}
	if ok {
		return slug, nil
	}
	o := &claimcharts.Organization{Slug: slug, Name: textOf(strings.TrimSpace(value)), Roles: []string{"licensor"}}
	if err := im.put(ctx, o, claimcharts.Doc{}); err != nil {
		return "", err
	}
	im.onCommit = append(im.onCommit, func() {
		im.holders.add(o)
		im.holders.created = append(im.holders.created, o.Slug)
	})
	return slug, nil
}

// put validates rec and writes it through the stage with the action
// "import", over the stored revision prev (a zero Doc to create).
func (im *importer) put(ctx context.Context, rec claimcharts.Record, prev claimcharts.Doc) error {
	return im.sr.Save(ctx, im.actor, rec, prev, "import")
}
