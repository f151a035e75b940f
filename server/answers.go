package server

import (
	"bytes"
	"net/http"
	"sync"

	"github.com/gin-gonic/gin"
	"github.com/klauspost/compress/gzhttp"

	"sepportal/claimcharts"
)

// Answers of the public's record reads, kept. A number lookup (GET
// /api/v1/patents/{number}) is the portal's cheapest and most repeated
// read, yet computing it decodes the patent with its claims, the pools and
// the patent's entries from the store, encodes the answer and compresses
// it: under load that was three quarters of its CPU. An anonymous caller's
// answer is the same for every anonymous caller, so it is kept, encoded
// and compressed, and served again until the data could have changed.
//
// When that is: an answer is kept with the version it was computed at,
// read before the computation began, and served only while the version
// has not moved. The version pairs the count of this process's writes
// (Registry.Writes, which moves after every write returns: a write is
// never followed by a stale answer) with the search index's version, which
// moves when the index has read a change of the store's change feed (how a
// node behind a shared MongoDB learns of another node's writes).
//
// Whose: only anonymous callers read and fill the cache. A caller with a
// token (administrator, licensor, reviewer) may see more than the public
// (a draft, an unpublished patent of its own): its answer is computed and
// never kept, and a kept public answer is never served to it.

// DefaultCachedAnswers is how many public answers are kept.
const DefaultCachedAnswers = 8192

// maxEncodings bounds the compressed forms kept per answer: one per
// Accept-Encoding value seen (a few in practice: Go's "gzip", a browser's
// "gzip, deflate, br, zstd", none); past it the answer is compressed per
// request.
const maxEncodings = 4

// answerVersion is when a kept answer was computed: the count of this
// process's writes and the index's version.
type answerVersion struct{ writes, index uint64 }

// answerVersion reads the current version. Read it before reading what the
// answer is made of.
func (s *Server) answerVersion() answerVersion {
	v := answerVersion{writes: s.registry.Writes()}
	if s.search != nil {
		v.index = s.search.Version()
	}
	return v
}

// publicAnswers keeps at most max answers by key; when full, a new answer
// takes the place of an arbitrary one (Go's map order), which costs
// nothing to track and, for reads spread over many records, keeps about as
// many of the popular ones as least-recently-used would.
type publicAnswers struct {
	mu     sync.RWMutex
	max    int
	byKey  map[string]*publicAnswer
	encode func(http.Handler) http.HandlerFunc
	// pools are the pools the public sees, read at poolsAt: every
	// lookup the cache misses links the patent's entries in them.
	pools     []*claimcharts.Pool
	poolsAt   answerVersion
	havePools bool
}

// publicAnswer is one kept answer: its version, ETag and JSON body, and
// the body as compressed for each Accept-Encoding value seen.
type publicAnswer struct {
	version answerVersion
	etag    string
	body    []byte
	mu      sync.Mutex
	encoded map[string]encodedBody
	// repeated is set once the answer has been sent: it is compressed
	// from its second sending on (see encoded).
	repeated bool
}

// encodedBody is an answer's body in the content coding the compression
// chose for one Accept-Encoding value ("" coding: sent as it is); plain
// is a body sent as it is whatever the caller accepts.
type encodedBody struct {
	coding string
	body   []byte
	plain  bool
}

// newPublicAnswers keeps up to max answers (none when max < 1); encode is
// the server's response compression, which chooses and applies the coding
// of a kept answer exactly as it would for a computed one.
func newPublicAnswers(max int, encode func(http.Handler) http.HandlerFunc) *publicAnswers {
	return &publicAnswers{max: max, byKey: map[string]*publicAnswer{}, encode: encode}
}

// get returns the answer kept under key at version v.
func (p *publicAnswers) get(key string, v answerVersion) (*publicAnswer, bool) {
	p.mu.RLock()
	a, ok := p.byKey[key]
	p.mu.RUnlock()
	return a, ok && a.version == v
}

// publicPools returns the pools the public sees at version v, read with
// read once per version.
func (p *publicAnswers) publicPools(v answerVersion, read func() ([]*claimcharts.Pool, error)) ([]*claimcharts.Pool, error) {
	p.mu.RLock()
	pools, ok := p.pools, p.havePools && p.poolsAt == v
	p.mu.RUnlock()
	if ok {
		return pools, nil
	}
	pools, err := read()
	if err != nil {
		return nil, err
	}
	p.mu.Lock()
	p.pools, p.poolsAt, p.havePools = pools, v, true
	p.mu.Unlock()
	return pools, nil
}

// put keeps an answer under key, computed at version v.
func (p *publicAnswers) put(key string, v answerVersion, etag string, body []byte) *publicAnswer {
	a := &publicAnswer{version: v, etag: etag, body: body, encoded: map[string]encodedBody{}}
	if p.max < 1 {
		return a
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if _, ok := p.byKey[key]; !ok && len(p.byKey) >= p.max {
		for k := range p.byKey {
			delete(p.byKey, k)
			break
		}
	}
	p.byKey[key] = a
	return a
}

// write answers a kept answer with its ETag, in the coding the caller
// accepts. The compression in front sees the Content-Encoding set and
// passes the bytes on; it has added Vary: Accept-Encoding already.
func (p *publicAnswers) write(c *gin.Context, a *publicAnswer) {
	e := p.encoded(a, c.Request)
	h := c.Writer.Header()
	h.Set("ETag", a.etag)
	switch {
	case e.plain:
		h.Set(gzhttp.HeaderNoCompression, "1") // the compression removes it
	case e.coding != "":
		h.Set("Content-Encoding", e.coding)
	}
	c.Data(http.StatusOK, "application/json; charset=utf-8", e.body)
}

// encoded returns a's body in the coding r accepts, compressing it once
// per Accept-Encoding value, from its second sending on: the first is
// sent as it is. Compression is most of the CPU of a lookup the cache
// misses, and a lookup's answer (a few kilobytes) fits in TCP's initial
// window (about 14 kB) compressed or not, so it saves bytes but no round
// trip; compressing only what repeats saves those bytes for the answers
// read again and the CPU for those read once.
func (p *publicAnswers) encoded(a *publicAnswer, r *http.Request) encodedBody {
	accept := r.Header.Get("Accept-Encoding")
	a.mu.Lock()
	defer a.mu.Unlock()
	if e, ok := a.encoded[accept]; ok {
		return e
	}
	if !a.repeated {
		a.repeated = true
		return encodedBody{body: a.body, plain: true}
	}
	e := p.compress(a.body, r)
	if len(a.encoded) < maxEncodings {
		a.encoded[accept] = e
	}
	return e
}

// compress runs body through the server's compression as the answer to r
// and returns what it wrote, with the coding it chose.
func (p *publicAnswers) compress(body []byte, r *http.Request) encodedBody {
	var w bufferedResponse
	p.encode(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		_, _ = w.Write(body)
	})).ServeHTTP(&w, r)
	return encodedBody{coding: w.header.Get("Content-Encoding"), body: w.body.Bytes()}
}

// bufferedResponse is an http.ResponseWriter that keeps what is written.
type bufferedResponse struct {
	header http.Header
	body   bytes.Buffer
}

func (w *bufferedResponse) Header() http.Header {
	if w.header == nil {
		w.header = http.Header{}
	}
	return w.header
}

func (w *bufferedResponse) Write(b []byte) (int, error) { return w.body.Write(b) }

func (w *bufferedResponse) WriteHeader(int) {}
