package claimcharts

import (
	"context"
	"slices"
	"strings"
	"time"

	"sepportal/claimcharts/msg"
)

// KindFeedToken is the kind of feed tokens.
const KindFeedToken Kind = "feed_token"

// FeedToken is a read-only secret that opens its owner's queue feed and
// nothing else. It belongs to an API token (its owner creates and revokes
// it, in the workspace or the API); revoking either ends the feed. Only the
// SHA-256 of the secret is kept; the secret is shown once.
type FeedToken struct {
	ID string `json:"id" validate:"required,slug"`
	// Hash is the SHA-256 of the secret; the registry clears it from every
	// feed token it returns.
	Hash string `json:"hash,omitempty"`
	// Token is the id of the API token that owns it.
	Token     string     `json:"token" validate:"required,slug"`
	Label     string     `json:"label,omitempty" validate:"max=200"`
	RevokedAt *time.Time `json:"revoked_at,omitempty"`
	Meta
}

// NewFeedToken is an owner's request for a feed token.
type NewFeedToken struct {
	Label string `json:"label,omitempty" validate:"max=200"`
}

// feedPrefix starts every feed secret, so that one is told from an API
// secret at a glance.
const feedPrefix = "sepfeed_"

// Kind implements Record.
func (t *FeedToken) Kind() Kind { return KindFeedToken }

// Key implements Record.
func (t *FeedToken) Key() string { return t.ID }

// Indexes implements Record: feed tokens are found by hash and by owner.
func (t *FeedToken) Indexes() map[string]string {
	return map[string]string{"hash": t.Hash, "token": t.Token}
}

// Public implements Record: never.
func (t *FeedToken) Public() bool { return false }

// requireToken refuses callers without an API token.
func requireToken(actor Actor, what msg.Key) error {
	if actor.Anonymous() || actor.Token == "" {
		return forbidden(actor, what)
	}
	return nil
}

// CreateFeedToken makes a feed token for the caller's API token and returns
// it with its secret, which is not kept and cannot be shown again.
func (r *Registry) CreateFeedToken(ctx context.Context, actor Actor, in NewFeedToken) (*FeedToken, string, error) {
	if err := requireToken(actor, msg.ActCreateFeedTokens); err != nil {
		return nil, "", err
	}
	if err := Validate(&in); err != nil {
		return nil, "", err
	}
	secret, _ := NewSecret()
	secret = feedPrefix + strings.TrimPrefix(secret, "sep_")
	t := &FeedToken{ID: "feed-" + randomID(8), Hash: HashSecret(secret), Token: actor.Token, Label: in.Label}
	if err := create[FeedToken](ctx, r, actor, t, nil); err != nil {
		return nil, "", err
	}
	t.Hash = ""
	return t, secret, nil
}

// FeedTokens lists the caller's own feed tokens, newest first, without hashes.
func (r *Registry) FeedTokens(ctx context.Context, actor Actor) ([]*FeedToken, error) {
	if err := requireToken(actor, msg.ActListFeedTokens); err != nil {
		return nil, err
	}
	var out []*FeedToken
	for doc, err := range Scan(ctx, r.Store, Query{Kind: KindFeedToken, Where: map[string]string{"token": actor.Token}}) {
		if err != nil {
			return nil, err
		}
		t, err := Decode[FeedToken](doc)
		if err != nil {
			return nil, err
		}
		t.Hash = ""
		out = append(out, t)
	}
	slices.SortFunc(out, func(a, b *FeedToken) int { return b.CreatedAt.Compare(a.CreatedAt) })
	return out, nil
}

// RevokeFeedToken revokes one of the caller's feed tokens; another's is
// not found. It stays listed with its revocation time.
func (r *Registry) RevokeFeedToken(ctx context.Context, actor Actor, id string) (*FeedToken, error) {
	if err := requireToken(actor, msg.ActRevokeFeedTokens); err != nil {
		return nil, err
	}
	t, doc, err := load[FeedToken](ctx, r.Store, KindFeedToken, id)
	if err != nil || t.Token != actor.Token {
		return nil, hidden(orNotFound(err), KindFeedToken, id)
	}
	if err := r.revokeOnce(ctx, actor, t, &t.RevokedAt, doc); err != nil {
		return nil, err
	}
	t.Hash = ""
	return t, nil
}

// orNotFound is err, or ENOTFOUND when there is none.
func orNotFound(err error) error {
	if err == nil {
		return Errorf(ENOTFOUND, "not found")
	}
	return err
}

// FeedActor returns who a feed secret reads for: the actor of its API
// token as that token stands now. An unknown or revoked feed token, or a
// revoked API token, is refused.
func (r *Registry) FeedActor(ctx context.Context, secret string) (Actor, error) {
	if !strings.HasPrefix(secret, feedPrefix) {
		return Actor{}, Says(EUNAUTHORIZED, msg.FeedTokenUnknown)
	}
	t, err := liveBySecret[FeedToken](ctx, r.Store, KindFeedToken, secret)
	if err != nil {
		return Actor{}, err
	}
	if t == nil {
		return Actor{}, Says(EUNAUTHORIZED, msg.FeedTokenUnknown)
	}
	a, err := r.TokenActor(ctx, t.Token)
	if ErrorCode(err) == EUNAUTHORIZED {
		return Actor{}, Says(EUNAUTHORIZED, msg.FeedTokenUnknown)
	}
	return a, err
}
