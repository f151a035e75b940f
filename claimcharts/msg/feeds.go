package msg

// Messages of feed tokens. The comment of each is its English text.
const (
	FeedTokenUnknown Key = "feed_token_unknown" // the feed key is unknown or revoked, or its API token is
)

// feeds holds the messages of feed tokens.
var feeds = map[Key][2]string{
	FeedTokenUnknown: {"the feed key is unknown or revoked, or its API token is", "订阅密钥不存在或已被吊销，或其所属的 API 令牌已被吊销"},
}
