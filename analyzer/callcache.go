package analyzer

import (
	"maps"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/hooklint/hooklint/analyzer/kamal"
)

// callCache shares resolved command lines between hooks and projects: hooks repeat the
// same few nested calls (kamal app exec ..., kamal accessory reboot db), and a project on an
// unknown version resolves each at every epoch. A resolved call is never modified.
var callCache = struct {
	sync.Mutex
	calls map[string]*kamal.Call
}{calls: map[string]*kamal.Call{}}

// maxCachedCalls bounds the cache; past it the cache starts afresh, so that a long-lived
// process (the language server) does not grow without end.
const maxCachedCalls = 1 << 14

// parseCall resolves words at release v with the aliases, through the cache.
func parseCall(v kamal.Version, words []kamal.Word, aliases map[string]string) *kamal.Call {
	var key strings.Builder
	key.WriteString(v.String())
	for _, w := range words {
		key.WriteByte(0)
		key.WriteString(w.Text)
		key.WriteByte(1)
		key.WriteString(w.Prefix)
		key.WriteByte(byte('0' + b2i(w.Known) + 2*b2i(w.Spread)))
		key.WriteString(strconv.Itoa(w.Index))
	}
	for _, name := range slices.Sorted(maps.Keys(aliases)) {
		key.WriteByte(2)
		key.WriteString(name)
		key.WriteByte(3)
		key.WriteString(aliases[name])
	}
	k := key.String()
	callCache.Lock()
	c, ok := callCache.calls[k]
	callCache.Unlock()
	if ok {
		return c
	}
	c = kamal.ParseCall(v, words, aliases)
	callCache.Lock()
	if len(callCache.calls) >= maxCachedCalls {
		clear(callCache.calls)
	}
	callCache.calls[k] = c
	callCache.Unlock()
	return c
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
