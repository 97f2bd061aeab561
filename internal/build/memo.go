package build

// A memo caches a value computed from files, for work whose outputs
// cannot be cached as files (coverage runs write data next to absolute
// paths of the run that built them) but whose result can.

// MemoKey returns the key of a value derived from parts (flags, tool
// names) and the contents of inputs. It fails if an input is unreadable.
func (b *Builder) MemoKey(parts []string, inputs []string) (string, error) {
	all := append([]string{"ccan-memo-v1"}, parts...)
	all = append(all, "\x01in")
	for _, in := range inputs {
		sum, err := b.hasher.Hash(in)
		if err != nil {
			return "", err
		}
		all = append(all, sum)
	}
	return hashStrings(all...), nil
}

// GetMemo returns the value stored under key, if any.
func (b *Builder) GetMemo(key string) ([]byte, bool) {
	e, ok := b.Cache.getEntry(key)
	if !ok {
		return nil, false
	}
	b.stats.CacheHits.Add(1)
	return []byte(e.Extra), true
}

// PutMemo stores value under key (best effort: a failed write only costs
// a recomputation later).
func (b *Builder) PutMemo(key string, value []byte) {
	b.Cache.putEntry(key, &entry{Extra: string(value)})
}
