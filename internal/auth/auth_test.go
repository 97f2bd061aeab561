package auth

import (
	"bytes"
	"context"
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ccan-archive/ccan/internal/derrors"
)

// cheap keeps tests fast; DefaultParams is exercised once.
var cheap = Params{Time: 1, Memory: 64, Threads: 1}

func TestPasswordRoundTrip(t *testing.T) {
	ctx := context.Background()
	h := NewHasher(cheap, 2)
	enc, err := h.Hash(ctx, "correct horse")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(enc, "$argon2id$v=19$m=64,t=1,p=1$") {
		t.Errorf("encoding %q: want PHC format with the parameters", enc)
	}
	if err := h.Check(ctx, enc, "correct horse"); err != nil {
		t.Errorf("Check(right password) = %v", err)
	}
	if err := h.Check(ctx, enc, "correct horsf"); !errors.Is(err, ErrMismatch) {
		t.Errorf("Check(wrong password) = %v, want ErrMismatch", err)
	}
	again, _ := h.Hash(ctx, "correct horse")
	if again == enc {
		t.Error("two hashes of one password are equal: no salt?")
	}
	if h.NeedsRehash(enc) {
		t.Error("NeedsRehash of a hash with the current parameters")
	}
	if !NewHasher(Params{}, 1).NeedsRehash(enc) {
		t.Error("no rehash wanted after the parameters changed")
	}
	if _, err := h.Hash(ctx, strings.Repeat("x", MaxPasswordLen+1)); err == nil {
		t.Error("Hash of an overlong password succeeded")
	}
}

func TestDefaultParams(t *testing.T) {
	if testing.Short() {
		t.Skip("64 MiB hash")
	}
	ctx := context.Background()
	h := NewHasher(Params{}, 1)
	start := time.Now()
	enc, err := h.Hash(ctx, "pw")
	t.Logf("argon2id %+v: %v", DefaultParams(), time.Since(start))
	if err != nil || !strings.Contains(enc, "$m=65536,t=1,p=2$") {
		t.Fatalf("Hash = %q, %v", enc, err)
	}
	if err := h.Check(ctx, enc, "pw"); err != nil {
		t.Error(err)
	}
}

func TestHasherHonoursContext(t *testing.T) {
	h := NewHasher(cheap, 1)
	h.slots <- struct{}{} // the only slot is busy
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := h.Hash(ctx, "pw"); !errors.Is(err, context.Canceled) {
		t.Errorf("Hash with all slots busy and a cancelled context = %v", err)
	}
}

func TestDecodeHashRejects(t *testing.T) {
	good := encodeHash(cheap, bytes.Repeat([]byte{1}, 16), bytes.Repeat([]byte{2}, 32))
	if _, _, _, err := DecodeHash(good); err != nil {
		t.Fatalf("DecodeHash(%q) = %v", good, err)
	}
	for _, bad := range []string{
		"", "plain", "$argon2i$v=19$m=64,t=1,p=1$AQEBAQEBAQEBAQEBAQEBAQ$AgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgI",
		strings.Replace(good, "v=19", "v=16", 1),
		strings.Replace(good, "m=64", "m=99999999", 1), // 95 GiB
		strings.Replace(good, "t=1", "t=0", 1),
		strings.Replace(good, "p=1", "p=255", 1),
		strings.Replace(good, "m=64", "x=64", 1),
		strings.Replace(good, "$AQ", "$!!", 1),
		good + "$extra",
	} {
		if _, _, _, err := DecodeHash(bad); err == nil {
			t.Errorf("DecodeHash(%q) succeeded", bad)
		}
	}
}

func TestTokenRoundTrip(t *testing.T) {
	tok, prefix, hash := NewToken()
	if len(tok) != TokenLen || !strings.HasPrefix(tok, "ccan_"+prefix) || len(prefix) != PrefixLen {
		t.Fatalf("NewToken = %q, %q", tok, prefix)
	}
	p, secret, err := ParseToken(tok)
	if err != nil || p != prefix || !CheckSecret(secret, hash) {
		t.Fatalf("ParseToken(%q) = %q, %q, %v", tok, p, secret, err)
	}
	if CheckSecret(secret[:len(secret)-1]+"a", hash) && !strings.HasSuffix(secret, "a") {
		t.Error("CheckSecret accepted another secret")
	}
	other, _, _ := NewToken()
	if other == tok {
		t.Error("two tokens are equal")
	}
	for _, bad := range []string{"", "ccan_", tok[:len(tok)-1], tok + "a", strings.ToUpper(tok), "gho_" + tok[5:],
		strings.Replace(tok, tok[10:11], "1", 1), tok[:len(tok)-1] + "b" /* non-zero trailing bits */} {
		if _, _, err := ParseToken(bad); err == nil && bad != tok {
			t.Errorf("ParseToken(%q) succeeded", bad)
		}
	}
}

func TestSessionID(t *testing.T) {
	id, hash := NewSessionID()
	got, ok := ParseSessionID(id)
	if !ok || !bytes.Equal(got, hash) {
		t.Fatalf("ParseSessionID(%q) = %x, %v; want %x", id, got, ok, hash)
	}
	for _, bad := range []string{"", "x", id + "A", id[:42] + "!", strings.Repeat("A", 43)[:42] + "B"} {
		if _, ok := ParseSessionID(bad); ok {
			t.Errorf("ParseSessionID(%q) accepted", bad)
		}
	}
	other, _ := NewSessionID()
	ft := FormToken(id)
	if !CheckFormToken(id, ft) || CheckFormToken(other, ft) || CheckFormToken(id, "") || CheckFormToken("", FormToken("")) {
		t.Error("CheckFormToken accepts a token of another session, or an empty one")
	}
}

func TestLimiter(t *testing.T) {
	l := NewLimiter(Rate{Every: time.Minute, Burst: 3})
	now := time.Now()
	for i := range 3 {
		if ok, _ := l.Allow("a", now); !ok {
			t.Fatalf("event %d of the burst refused", i+1)
		}
	}
	ok, wait := l.Allow("a", now)
	if ok || wait <= 0 || wait > time.Minute {
		t.Errorf("4th event: ok=%v retry after %v; want refused, about a minute", ok, wait)
	}
	if ok, _ := l.Allow("b", now); !ok {
		t.Error("another key was limited too")
	}
	if ok, _ := l.Allow("a", now.Add(wait)); !ok {
		t.Errorf("refused again after waiting the %v it asked for", wait)
	}
	if ok, _ := NewLimiter(Rate{}).Allow("a", now); !ok {
		t.Error("a zero Rate limits")
	}
	err := error(&RateLimitError{What: "attempts", RetryAfter: 1500 * time.Millisecond})
	var rl *RateLimitError
	if !errors.Is(err, derrors.RateLimited) || derrors.HTTPStatus(err) != 429 || !errors.As(err, &rl) || rl.RetryAfterSeconds() != 2 {
		t.Errorf("RateLimitError: status %d, retry %d", derrors.HTTPStatus(err), rl.RetryAfterSeconds())
	}
}

func TestLimiterPrune(t *testing.T) {
	l := NewLimiter(Rate{Every: time.Second, Burst: 1})
	now := time.Now()
	for i := range maxKeys {
		l.keys[strconv.Itoa(i)] = &bucket{lim: nil, last: now.Add(-time.Hour)}
	}
	if ok, _ := l.Allow("new", now); !ok || len(l.keys) != 1 {
		t.Errorf("after pruning %d idle keys: %d left", maxKeys, len(l.keys))
	}
}

// FuzzParseToken checks that ParseToken never panics and accepts only
// strings it can rebuild exactly.
func FuzzParseToken(f *testing.F) {
	tok, _, _ := NewToken()
	for _, s := range []string{tok, "", "ccan_", "ccan_" + strings.Repeat("a", 60), "ccan_" + strings.Repeat("7", 60), tok + "=", "Bearer " + tok} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		prefix, secret, err := ParseToken(s)
		if err != nil {
			return
		}
		if TokenMarker+prefix+secret != s || len(prefix) != PrefixLen {
			t.Fatalf("ParseToken(%q) = %q, %q", s, prefix, secret)
		}
		if b, err := b32.DecodeString(secret); err != nil || len(b) != 32 {
			t.Fatalf("secret %q decodes to %d bytes, %v", secret, len(b), err)
		}
	})
}

// FuzzDecodeHash checks that no stored string makes DecodeHash panic or
// return parameters outside its bounds, and that what it accepts
// re-encodes to an equivalent hash.
func FuzzDecodeHash(f *testing.F) {
	f.Add(encodeHash(cheap, []byte("saltsaltsaltsalt"), bytes.Repeat([]byte{7}, 32)))
	f.Add("$argon2id$v=19$m=65536,t=1,p=2$c2FsdA$aGFzaA")
	f.Add("$argon2id$v=19$m=1,t=1,p=1$$")
	f.Add("$$$$$")
	f.Fuzz(func(t *testing.T, s string) {
		p, salt, key, err := DecodeHash(s)
		if err != nil {
			return
		}
		if p.Memory > maxMemory || p.Time > maxTime || p.Threads > maxThreads || p.Threads == 0 {
			t.Fatalf("DecodeHash(%q) = %+v out of bounds", s, p)
		}
		p2, salt2, key2, err := DecodeHash(encodeHash(p, salt, key))
		if err != nil || p2 != p || !bytes.Equal(salt2, salt) || !bytes.Equal(key2, key) {
			t.Fatalf("re-encoding %q: %+v %v", s, p2, err)
		}
	})
}

// FuzzParseSessionID checks that accepted ids are canonical.
func FuzzParseSessionID(f *testing.F) {
	id, _ := NewSessionID()
	f.Add(id)
	f.Add(strings.Repeat("_", 43))
	f.Add("")
	f.Fuzz(func(t *testing.T, s string) {
		h, ok := ParseSessionID(s)
		if ok && (len(s) != sessionIDLen || !bytes.Equal(h, HashSecret(s))) {
			t.Fatalf("ParseSessionID(%q) accepted", s)
		}
	})
}
