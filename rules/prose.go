package rules

import (
	"slices"
	"strings"

	"github.com/hooklint/hooklint/analyzer"
	"github.com/hooklint/hooklint/analyzer/kamal"
)

// joinAnd joins words as English prose: "a", "a and b", "a, b and c".
func joinAnd(words []string) string {
	switch len(words) {
	case 0:
		return ""
	case 1:
		return words[0]
	}
	return strings.Join(words[:len(words)-1], ", ") + " and " + words[len(words)-1]
}

// outers returns the outer command lines of the worlds in s, each once, in world order.
func outers(worlds []analyzer.World, s analyzer.Worlds) []string {
	var names []string
	s.Each(func(i int) {
		if !slices.Contains(names, worlds[i].Outer) {
			names = append(names, worlds[i].Outer)
		}
	})
	return names
}

// quotedOuters renders outer commands as "`kamal setup`, `kamal deploy` and `kamal redeploy`".
func quotedOuters(worlds []analyzer.World, s analyzer.Worlds) string {
	names := outers(worlds, s)
	for i, n := range names {
		names[i] = "`kamal " + n + "`"
	}
	return joinAnd(names)
}

// plainOuters renders outer commands without backquotes: "setup", "deploy and redeploy".
func plainOuters(worlds []analyzer.World, s analyzer.Worlds) string {
	return joinAnd(outers(worlds, s))
}

// releaseRange describes the releases of failing among those of candidates: "< 2.6.0" when
// they are every candidate before lock inheritance up to a 2.x release, else their runs,
// "1.0.0 to 1.5.2".
func releaseRange(failing, candidates []kamal.Version) string {
	var before []kamal.Version
	for _, v := range candidates {
		if v.Less(kamal.InheritsLock) {
			before = append(before, v)
		}
	}
	if len(before) > 0 && before[len(before)-1].Major >= 2 && slices.Equal(failing, before) {
		return "< " + kamal.InheritsLock.String()
	}
	var runs []string
	for i := 0; i < len(failing); {
		start := slices.Index(candidates, failing[i])
		j := i
		for j+1 < len(failing) && start >= 0 && slices.Index(candidates, failing[j+1]) == start+(j+1-i) {
			j++
		}
		if j == i {
			runs = append(runs, failing[i].String())
		} else {
			runs = append(runs, failing[i].String()+" to "+failing[j].String())
		}
		i = j + 1
	}
	return joinAnd(runs)
}
