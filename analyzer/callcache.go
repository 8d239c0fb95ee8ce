package analyzer

import (
	"maps"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/hooklint/hooklint/analyzer/kamal"
	"github.com/hooklint/hooklint/analyzer/project"
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

// aliasSet is a project's aliases as nested calls resolve them, with their part of the
// key of callCache, made once for all the calls of a hook.
type aliasSet struct {
	m   map[string]string
	key string
}

// newAliasSet returns the aliases of p's deploy.yml; nil without a config.
func newAliasSet(p *project.Project) *aliasSet {
	if p == nil || p.Config == nil {
		return nil
	}
	a := &aliasSet{m: p.Config.AliasMap()}
	var key strings.Builder
	for _, name := range slices.Sorted(maps.Keys(a.m)) {
		key.WriteByte(2)
		key.WriteString(name)
		key.WriteByte(3)
		key.WriteString(a.m[name])
	}
	a.key = key.String()
	return a
}

// parseCall resolves words at release v with the aliases, through the cache.
func parseCall(v kamal.Version, words []kamal.Word, aliases *aliasSet) *kamal.Call {
	var m map[string]string
	n := 16
	for _, w := range words {
		n += len(w.Text) + len(w.Prefix) + 6
	}
	if aliases != nil {
		m = aliases.m
		n += len(aliases.key)
	}
	// The key is the release, the words, and the aliases.
	key, _ := v.AppendText(make([]byte, 0, n))
	for _, w := range words {
		key = append(key, 0)
		key = append(key, w.Text...)
		key = append(key, 1)
		key = append(key, w.Prefix...)
		key = append(key, byte('0'+b2i(w.Known)+2*b2i(w.Spread)))
		key = strconv.AppendInt(key, int64(w.Index), 10)
	}
	if aliases != nil {
		key = append(key, aliases.key...)
	}
	callCache.Lock()
	c, ok := callCache.calls[string(key)]
	callCache.Unlock()
	if ok {
		return c
	}
	c = kamal.ParseCall(v, words, m)
	callCache.Lock()
	if len(callCache.calls) >= maxCachedCalls {
		clear(callCache.calls)
	}
	callCache.calls[string(key)] = c
	callCache.Unlock()
	return c
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// callMemo is an invocation's resolved calls by release. Most invocations are resolved at
// one or two releases: a short list, searched in order, holds them; past maxMemoList (a
// project on an unknown version) a map takes over.
type callMemo struct {
	list []memoEntry
	m    map[kamal.Version]*kamal.Call
}

type memoEntry struct {
	v kamal.Version
	c *kamal.Call
}

const maxMemoList = 8

func (cm *callMemo) get(v kamal.Version) (*kamal.Call, bool) {
	if cm.m != nil {
		c, ok := cm.m[v]
		return c, ok
	}
	for _, e := range cm.list {
		if e.v == v {
			return e.c, true
		}
	}
	return nil, false
}

// put records the call at v, in place of any recorded before.
func (cm *callMemo) put(v kamal.Version, c *kamal.Call) {
	if cm.m == nil {
		for i := range cm.list {
			if cm.list[i].v == v {
				cm.list[i].c = c
				return
			}
		}
	}
	switch {
	case cm.m != nil:
		cm.m[v] = c
	case len(cm.list) < maxMemoList:
		cm.list = append(cm.list, memoEntry{v, c})
	default:
		cm.m = make(map[kamal.Version]*kamal.Call, 2*maxMemoList)
		for _, e := range cm.list {
			cm.m[e.v] = e.c
		}
		cm.m[v] = c
		cm.list = nil
	}
}
