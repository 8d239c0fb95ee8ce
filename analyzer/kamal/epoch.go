package kamal

import (
	"strconv"
	"sync"
)

// Epoch returns a release whose command line is the same as v's: the same commands and
// groups, with the same options and arguments, and the same alias handling. [ParseCall]
// resolves a line alike at every release of an epoch, so a caller may resolve it once per
// epoch; what a resolved call does at a release ([Call.TakesLock]) still takes the release.
func Epoch(v Version) Version {
	if e, ok := epochs.Load(v); ok {
		return e.(Version)
	}
	e := v
	if known, ok := releaseEpochs()[cliSignature(v)]; ok {
		e = known
	}
	epochs.Store(v, e)
	return e
}

var epochs sync.Map // Version -> Version

// releaseEpochs maps the signature of each epoch of the releases to its oldest release.
var releaseEpochs = sync.OnceValue(func() map[string]Version {
	m := map[string]Version{}
	for _, r := range Releases { // oldest first
		if _, ok := m[cliSignature(r)]; !ok {
			m[cliSignature(r)] = r
		}
	}
	return m
})

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
			b = append(b, ' ')
			b = append(b, o.Name...)
			b = append(b, '/')
			b = append(b, o.Short...)
			b = strconv.AppendInt(append(b, '/'), int64(o.Type), 10)
			flag(o.Required)
			b = append(b, o.Default...)
		}
	}
	opts(optionTableOptions(nil, v))
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
		opts(c.OptionsAt(v))
	}
	return string(b)
}
