package analyzer

import (
	"math/bits"
	"strings"
)

// World is one way a hook is reached: an outer kamal command that runs it, with what the
// hook can observe of it. The flow walk evaluates guards against each world separately.
type World struct {
	// Outer is the outer command line without "kamal": "setup", "app boot".
	Outer string
	// KamalCommand is the value of KAMAL_COMMAND under Outer; "" when it is not one value.
	KamalCommand string
	// Held reports whether the outer process holds the deploy lock while the hook runs.
	Held bool
	// Lock is KAMAL_LOCK ("true"/"false"), or "" where Kamal does not set it (< 2.6.0).
	Lock string
}

// Worlds is a set of indices into a hook's []World. A hook has at most a dozen.
type Worlds uint64

// allWorlds returns the set of the first n worlds.
func allWorlds(n int) Worlds {
	if n >= 64 {
		return ^Worlds(0)
	}
	return Worlds(1)<<n - 1
}

// Has reports whether world i is in the set.
func (s Worlds) Has(i int) bool { return s&(1<<i) != 0 }

// Empty reports whether the set has no world.
func (s Worlds) Empty() bool { return s == 0 }

// Len returns the number of worlds in the set.
func (s Worlds) Len() int { return bits.OnesCount64(uint64(s)) }

// Each calls f for every index in the set, in increasing order.
func (s Worlds) Each(f func(i int)) {
	for s != 0 {
		i := bits.TrailingZeros64(uint64(s))
		f(i)
		s &^= 1 << i
	}
}

// where returns the worlds of s for which keep holds.
func (s Worlds) where(keep func(i int) bool) Worlds {
	var out Worlds
	s.Each(func(i int) {
		if keep(i) {
			out |= 1 << i
		}
	})
	return out
}

// OuterList renders the outer commands of the worlds in s as "`kamal setup`, `kamal deploy`
// and `kamal redeploy`".
func OuterList(worlds []World, s Worlds) string {
	var names []string
	s.Each(func(i int) { names = append(names, "`kamal "+worlds[i].Outer+"`") })
	return JoinAnd(names)
}

// JoinAnd joins words as English prose: "a", "a and b", "a, b and c".
func JoinAnd(words []string) string {
	switch len(words) {
	case 0:
		return ""
	case 1:
		return words[0]
	}
	return strings.Join(words[:len(words)-1], ", ") + " and " + words[len(words)-1]
}

// Held returns the worlds of s in which the outer command holds the deploy lock.
func (f *Flow) Held(s Worlds) Worlds { return s.where(func(i int) bool { return f.Worlds[i].Held }) }
