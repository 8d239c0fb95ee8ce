package kamal

import (
	"slices"
	"strconv"
	"sync"
)

// Epoch returns a release whose command line is the same as v's: the same commands and
// groups, with the same options and arguments, and the same alias handling. [ParseCall]
// resolves a line alike at every release of an epoch, so a caller may resolve it once per
// epoch; what a resolved call does at a release ([Call.TakesLock]) still takes the release.
//
// The epoch is the oldest of the releases up to v that read a line as v does without a
// change between them. Only those releases' tables are rendered, each once per process: a
// project on one release pays for a few, not for all.
func Epoch(v Version) Version {
	if e, ok := epochs.Load(v); ok {
		return e.(Version)
	}
	e := v
	// The newest release at or before v; v itself when it is one.
	i, _ := slices.BinarySearchFunc(Releases, v, func(r, v Version) int { return r.Compare(v) })
	if i < len(Releases) && Releases[i] == v {
		i++
	}
	if i--; i >= 0 {
		sig := releaseSignature(i)
		if Releases[i] == v || cliSignature(v) == sig {
			for i > 0 && releaseSignature(i-1) == sig {
				i--
			}
			e = Releases[i]
		}
	}
	epochs.Store(v, e)
	return e
}

var epochs sync.Map // Version -> Version

// releaseSignatures holds [cliSignature] of each release, by its index in [Releases],
// rendered on first use.
var releaseSignatures = struct {
	mu   sync.Mutex
	sigs map[int]string
}{sigs: map[int]string{}}

// releaseSignature returns cliSignature(Releases[i]), rendered once.
func releaseSignature(i int) string {
	rs := &releaseSignatures
	rs.mu.Lock()
	defer rs.mu.Unlock()
	sig, ok := rs.sigs[i]
	if !ok {
		sig = cliSignature(Releases[i])
		rs.sigs[i] = sig
	}
	return sig
}

// cliSignature renders what ParseCall reads of the tables at release v.
func cliSignature(v Version) string {
	b := make([]byte, 0, 8<<10)
	flag := func(on bool) {
		if on {
			b = append(b, '1')
		} else {
			b = append(b, '0')
		}
	}
	flag(v.AtLeast(AliasesSince))
	flag(v.AtLeast(AliasResetSince))
	for _, g := range groupTable {
		if v.In(g.Since, g.Until) {
			b = append(b, ";g "...)
			b = append(b, g.Name...)
			b = append(b, ' ')
			b = append(b, g.Default...)
		}
	}
	opts := func(os []Option) {
		for _, o := range os {
			if !o.ExistsAt(v) {
				continue
			}
			b = append(b, ' ')
			b = append(b, o.Name...)
			b = append(b, '/')
			b = append(b, o.Short...)
			b = strconv.AppendInt(append(b, '/'), int64(o.Type), 10)
			flag(o.Required)
			b = append(b, o.Default...)
		}
	}
	opts(ClassOptions)
	for _, c := range commandTable {
		if !c.ExistsAt(v) {
			continue
		}
		a := c.ArityAt(v)
		b = append(b, ';')
		b = append(b, c.Path...)
		b = strconv.AppendInt(append(b, ' '), int64(a.Required), 10)
		b = strconv.AppendInt(append(b, ' '), int64(a.Optional), 10)
		flag(a.Splat)
		b = strconv.AppendInt(b, int64(c.LockOp), 10)
		opts(c.Options)
	}
	return string(b)
}
