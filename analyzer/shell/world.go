package shell

import "math/bits"

// World is one way the script is started: the values of the environment variables that
// this way of starting it fixes. The walk evaluates conditions in each world separately.
type World struct {
	// Vars maps a variable name to its value in this world. A name absent from Vars is
	// unknown (whatever the environment has); a Var with Set false is unset.
	Vars map[string]Var
}

// Var is an environment variable's value in a [World].
type Var struct {
	Value string
	Set   bool
}

// MaxWorlds is the largest number of worlds one walk tells apart.
const MaxWorlds = 64

// Worlds is a set of indices into the walk's []World.
type Worlds uint64

// AllWorlds returns the set of the first n worlds.
func AllWorlds(n int) Worlds {
	if n >= MaxWorlds {
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

// First returns the lowest index in the set, or -1 when it is empty.
func (s Worlds) First() int {
	if s == 0 {
		return -1
	}
	return bits.TrailingZeros64(uint64(s))
}

// Each calls f for every index in the set, in increasing order.
func (s Worlds) Each(f func(i int)) {
	for s != 0 {
		i := bits.TrailingZeros64(uint64(s))
		f(i)
		s &^= 1 << i
	}
}

// Where returns the worlds of s for which keep holds.
func (s Worlds) Where(keep func(i int) bool) Worlds {
	var out Worlds
	s.Each(func(i int) {
		if keep(i) {
			out |= 1 << i
		}
	})
	return out
}

// Tri is a three-valued truth: what the walk knows of a condition or a setting.
type Tri int8

// The truth values.
const (
	Unknown Tri = iota
	True
	False
)

// Not returns the negation; Unknown stays Unknown.
func (t Tri) Not() Tri {
	switch t {
	case True:
		return False
	case False:
		return True
	}
	return Unknown
}

func triOf(b bool) Tri {
	if b {
		return True
	}
	return False
}

func triAnd(a, b Tri) Tri {
	switch {
	case a == False || b == False:
		return False
	case a == True && b == True:
		return True
	}
	return Unknown
}

func triOr(a, b Tri) Tri {
	switch {
	case a == True || b == True:
		return True
	case a == False && b == False:
		return False
	}
	return Unknown
}
