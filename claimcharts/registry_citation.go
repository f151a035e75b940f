package claimcharts

import "context"

// LinkCitations links citations to the registry's standards as they are
// now (LinkCitations): for readers that want a citation stored before its
// standard was added to point at it, without waiting for the next import.
func (r *Registry) LinkCitations(ctx context.Context, cits []Citation) ([]Citation, error) {
	standards, err := All[Standard](ctx, r.Store, KindStandard)
	if err != nil {
		return nil, err
	}
	return LinkCitations(append([]Citation(nil), cits...), standards), nil
}
